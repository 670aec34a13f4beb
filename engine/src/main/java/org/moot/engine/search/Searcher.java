package org.moot.engine.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestWord;
import org.apache.lucene.search.uhighlight.CustomSeparatorBreakIterator;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.UHComponents;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;
import org.moot.engine.render.HtmlSanitizer;
import org.moot.engine.render.SafeHtml;
import org.moot.schema.Kind;
import org.moot.schema.PageId;

/** Runs one query against one point-in-time view of the index. */
final class Searcher {

    private static final int FACET_VALUES = 12;
    private static final int SNIPPET_CHARS = 240;
    private static final Map<String, Float> SNIPPET_FIELDS = Map.of(IndexFields.BODY, 1f, IndexFields.SUMMARY, 1f);

    private final Analyzer analyzer;
    private final FacetsConfig facets;
    private final DirectSpellChecker spelling = new DirectSpellChecker();
    /** Facet ordinals of the latest reader: costly to build, so made once per reader. */
    private volatile Optional<Map.Entry<IndexReader, SortedSetDocValuesReaderState>> facetState = Optional.empty();

    Searcher(Analyzer analyzer, FacetsConfig facets) {
        this.analyzer = analyzer;
        this.facets = facets;
    }

    SearchResults search(IndexSearcher searcher, SearchQuery asked) throws IOException {
        if (asked.isEmpty()) {
            return SearchResults.NONE;
        }
        Optional<String> problem = asked.problem();
        if (problem.isPresent()) {
            return SearchResults.refused(problem.get());
        }
        Optional<Query> words = words(asked.text(), IndexFields.SEARCHED, QueryParser.Operator.AND);
        if (words.isEmpty() && !asked.hasFilters()) {
            return SearchResults.refused("Type at least one word to search for; '*' or punctuation on its own matches nothing.");
        }
        Query query = withFilters(words.orElse(new MatchAllDocsQuery()), asked);
        TopDocs top;
        FacetsCollector collected;
        try {
            FacetsCollectorManager.FacetsResult found = FacetsCollectorManager.search(searcher, query,
                    asked.offset() + asked.limit(), new FacetsCollectorManager());
            top = found.topDocs();
            collected = found.facetsCollector();
        } catch (IndexSearcher.TooManyClauses | TooComplexToDeterminizeException e) {
            return SearchResults.refused("This search has too many wildcards or alternatives to run; use fewer, or plain words.");
        }
        ScoreDoc[] page = Arrays.copyOfRange(top.scoreDocs, Math.min(asked.offset(), top.scoreDocs.length), top.scoreDocs.length);
        // Snippets are cut from two fields: asking those alone where the words are halves the highlighter's work.
        // Any of the words (a hit may have some in its title only, and a query that does not match finds nothing to mark).
        Query marks = words(asked.text(), SNIPPET_FIELDS, QueryParser.Operator.OR).orElse(query);
        // At 100,000 pages, reading and marking ten hits and counting the facets took nearly as long as
        // finding the hits: each half of the hits and the counts are a task of their own, taken by this
        // thread and the index's helpers as they come free (a busy pool slows a search, never stops it).
        int half = (page.length + 1) / 2;
        AtomicReference<Map<String, List<SearchResults.FacetCount>>> counts = new AtomicReference<>();
        List<List<SearchResults.Hit>> parts = searcher.getTaskExecutor().invokeAll(List.of(
                () -> hits(searcher, marks, Arrays.copyOfRange(page, 0, half)),
                () -> hits(searcher, marks, Arrays.copyOfRange(page, half, page.length)),
                () -> {
                    counts.set(facetCounts(searcher.getIndexReader(), collected));
                    return List.of();
                }));
        List<SearchResults.Hit> hits = new ArrayList<>(parts.get(0));
        hits.addAll(parts.get(1));
        Optional<String> didYouMean = top.totalHits.value == 0 ? suggest(searcher.getIndexReader(), asked.text()) : Optional.empty();
        return new SearchResults(top.totalHits.value, hits, counts.get(), didYouMean, Optional.empty());
    }

    /** The words as a query over {@code fields}, joined by {@code operator}; empty when nothing searchable is left. */
    private Optional<Query> words(String text, Map<String, Float> fields, QueryParser.Operator operator) {
        if (text.codePoints().noneMatch(Character::isLetterOrDigit)) {
            return Optional.empty();
        }
        MultiFieldQueryParser parser = new WordsParser(analyzer, fields);
        parser.setDefaultOperator(operator);
        parser.setAllowLeadingWildcard(false);
        Query query;
        try {
            // A slash is part of an id (on:education/fees), never the start of a regular expression.
            query = parser.parse(text.replace("/", "\\/"));
        } catch (ParseException | IndexSearcher.TooManyClauses e) {
            try {
                // Unbalanced quotes, a lone '*', stray brackets: search for the words as typed instead.
                query = parser.parse(QueryParser.escape(text));
            } catch (ParseException | IndexSearcher.TooManyClauses again) {
                return Optional.empty();
            }
        }
        return query instanceof BooleanQuery b && b.clauses().isEmpty() ? Optional.empty() : Optional.ofNullable(query);
    }

    /**
     * The query syntax people need (words, phrases, prefixes, fields, AND/OR/NOT), without the
     * parts that cost a scan of every term in the index: {@code word~} and {@code /regex/} are
     * read as plain words.
     */
    private static final class WordsParser extends MultiFieldQueryParser {
        WordsParser(Analyzer analyzer, Map<String, Float> fields) {
            super(fields.keySet().toArray(String[]::new), analyzer, fields);
        }

        @Override
        protected Query getFuzzyQuery(String field, String termStr, float minSimilarity) throws ParseException {
            return getFieldQuery(field, termStr, false);
        }

        @Override
        protected Query getRegexpQuery(String field, String termStr) throws ParseException {
            return getFieldQuery(field, termStr, false);
        }
    }

    private static Query withFilters(Query words, SearchQuery asked) {
        BooleanQuery.Builder query = new BooleanQuery.Builder().add(words, BooleanClause.Occur.MUST);
        asked.kind().ifPresent(v -> filter(query, IndexFields.KIND, v));
        asked.stance().ifPresent(v -> filter(query, IndexFields.STANCE, v));
        asked.topic().ifPresent(v -> filter(query, IndexFields.TOPIC, v));
        asked.tag().ifPresent(v -> filter(query, IndexFields.TAG, v.toLowerCase(java.util.Locale.ROOT)));
        return query.build();
    }

    private static void filter(BooleanQuery.Builder query, String field, String value) {
        query.add(new TermQuery(new Term(field, value)), BooleanClause.Occur.FILTER);
    }

    private List<SearchResults.Hit> hits(IndexSearcher searcher, Query query, ScoreDoc[] page) throws IOException {
        if (page.length == 0) {
            return List.of();
        }
        Map<Integer, Document> docs = new HashMap<>();
        int[] docIds = new int[page.length];
        StoredFields stored = searcher.storedFields(); // one for all: it reuses its buffers from hit to hit
        for (int i = 0; i < page.length; i++) {
            docIds[i] = page[i].doc;
            docs.put(page[i].doc, stored.document(page[i].doc));
        }
        Map<String, Object[]> snippets = new Highlighter(searcher, docs).snippets(query, docIds);
        List<SearchResults.Hit> out = new ArrayList<>();
        for (int i = 0; i < page.length; i++) {
            Document doc = docs.get(page[i].doc);
            Object marked = Optional.ofNullable(snippets.get(IndexFields.BODY)[i]).orElse(snippets.get(IndexFields.SUMMARY)[i]);
            // No match in the text (a title or field match): the page's opening words.
            SafeHtml snippet = marked instanceof SafeHtml html ? html
                    : HtmlSanitizer.text(start(IndexFields.stored(doc, IndexFields.SUMMARY) + " " + IndexFields.stored(doc, IndexFields.BODY)));
            out.add(new SearchResults.Hit(PageId.of(IndexFields.stored(doc, IndexFields.ID)), IndexFields.stored(doc, IndexFields.TITLE),
                    Kind.parse(IndexFields.stored(doc, IndexFields.KIND)).orElse(Kind.PAGE),
                    Optional.ofNullable(doc.get(IndexFields.STANCE)), Optional.ofNullable(doc.get(IndexFields.ON)).map(PageId::of),
                    snippet, Optional.ofNullable(doc.get(IndexFields.CHANGED)).map(java.time.Instant::parse),
                    IndexFields.stored(doc, IndexFields.CHANGED_BY)));
        }
        return out;
    }

    /**
     * Cuts snippets from the hits' documents, already read (the stock highlighter reads and
     * decompresses each one again), and finds the matches of prefix queries in the index's own
     * postings: the stock choice for those analyses each hit's whole text again.
     */
    private final class Highlighter extends UnifiedHighlighter {
        private static final int MAX_CHARS = 100_000;
        private final Map<Integer, Document> docs;

        Highlighter(IndexSearcher searcher, Map<Integer, Document> docs) {
            super(UnifiedHighlighter.builder(searcher, analyzer)
                    .withFormatter(new SnippetFormatter(SNIPPET_CHARS))
                    .withScorer(new PassageScore())
                    .withMaxNoHighlightPassages(0)
                    // Passages of about half a snippet, centred on a match and cut at spaces: the stock
                    // sentence breaker walked each hit's text and cost a twelfth of every search.
                    .withBreakIterator(() -> LengthGoalBreakIterator.createClosestToLength(
                            new CustomSeparatorBreakIterator(' '), SNIPPET_CHARS / 2, 0.5f))
                    .withMaxLength(MAX_CHARS));
            this.docs = docs;
        }

        /** Each field's snippet of each hit: a {@link SafeHtml}, or null where the field has no match. */
        Map<String, Object[]> snippets(Query query, int[] docIds) throws IOException {
            return highlightFieldsAsObjects(new String[] {IndexFields.BODY, IndexFields.SUMMARY}, query, docIds, new int[] {2, 1});
        }

        @Override
        protected List<CharSequence[]> loadFieldValues(String[] fields, DocIdSetIterator hits, int cacheCharsThreshold) throws IOException {
            List<CharSequence[]> out = new ArrayList<>();
            for (int doc = hits.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = hits.nextDoc()) {
                CharSequence[] values = new CharSequence[fields.length];
                for (int i = 0; i < fields.length; i++) {
                    String value = IndexFields.stored(docs.get(doc), fields[i]);
                    values[i] = value.length() > MAX_CHARS ? value.substring(0, MAX_CHARS) : value;
                }
                out.add(values);
            }
            return out;
        }

        @Override
        protected OffsetSource getOptimizedOffsetSource(UHComponents components) {
            OffsetSource chosen = super.getOptimizedOffsetSource(components);
            // Weight matching asks the query itself where it matched, which a prefix query answers from the postings.
            boolean postingsWillDo = chosen == OffsetSource.ANALYSIS
                    && getOffsetSource(components.getField()) == OffsetSource.POSTINGS
                    && components.getHighlightFlags().contains(HighlightFlag.WEIGHT_MATCHES);
            return postingsWillDo ? OffsetSource.POSTINGS : chosen;
        }
    }

    private static String start(String text) {
        // Only the opening is shown: flatten no more of the text than that.
        String flat = text.strip().substring(0, Math.min(text.strip().length(), 4 * SNIPPET_CHARS)).replaceAll("\\s+", " ");
        int cut = SNIPPET_CHARS - (flat.length() > SNIPPET_CHARS && Character.isLowSurrogate(flat.charAt(SNIPPET_CHARS)) ? 1 : 0);
        return flat.length() <= SNIPPET_CHARS ? flat : flat.substring(0, cut) + " …";
    }

    private Map<String, List<SearchResults.FacetCount>> facetCounts(IndexReader reader, FacetsCollector collected) throws IOException {
        Map<String, List<SearchResults.FacetCount>> out = new LinkedHashMap<>();
        if (reader.numDocs() == 0) {
            return out;
        }
        Facets counts = new SortedSetDocValuesFacetCounts(state(reader), collected);
        for (String dim : IndexFields.FACETS) {
            FacetResult result;
            try {
                result = counts.getTopChildren(FACET_VALUES, dim);
            } catch (IllegalArgumentException e) {
                result = null; // no page has this facet yet
            }
            List<SearchResults.FacetCount> values = new ArrayList<>();
            if (result != null) {
                for (LabelAndValue lv : result.labelValues) {
                    values.add(new SearchResults.FacetCount(lv.label, lv.value.longValue()));
                }
            }
            out.put(dim, values);
        }
        return out;
    }

    private SortedSetDocValuesReaderState state(IndexReader reader) throws IOException {
        Optional<Map.Entry<IndexReader, SortedSetDocValuesReaderState>> cached = facetState;
        if (cached.isPresent() && cached.get().getKey() == reader) {
            return cached.get().getValue();
        }
        SortedSetDocValuesReaderState state = new DefaultSortedSetDocValuesReaderState(reader, facets);
        facetState = Optional.of(Map.entry(reader, state));
        return state;
    }

    /** The query with each misspelt word replaced by the likeliest word the index holds. */
    private Optional<String> suggest(IndexReader reader, String text) throws IOException {
        StringBuilder out = new StringBuilder();
        boolean changed = false;
        for (String word : text.split("\\s+")) {
            String plain = word.toLowerCase(java.util.Locale.ROOT);
            SuggestWord[] suggestions = plain.matches("[\\p{L}\\p{N}]{3,}") && reader.docFreq(new Term(IndexFields.WORDS, plain)) == 0
                    ? spelling.suggestSimilar(new Term(IndexFields.WORDS, plain), 1, reader) : new SuggestWord[0];
            out.append(out.length() == 0 ? "" : " ").append(suggestions.length > 0 ? suggestions[0].string : word);
            changed |= suggestions.length > 0;
        }
        return changed ? Optional.of(out.toString()) : Optional.empty();
    }
}
