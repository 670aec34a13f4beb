package org.moot.engine.search;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.index.IndexOptions;
import org.moot.engine.git.CommitInfo;
import org.moot.engine.graph.SiteGraph;
import org.moot.schema.Field.Shape;
import org.moot.schema.Fields;
import org.moot.schema.Page;
import org.moot.schema.PageId;

/**
 * What a page becomes in the index. Keyword fields (id, kind, stance, target, tags, topics) are
 * matched exactly; text fields are analysed as English with stemming; {@code words} keeps the
 * unstemmed words of titles, summaries and tags that "did you mean" suggests from.
 */
final class IndexFields {

    static final String ID = "id";
    static final String KIND = "kind";
    static final String TITLE = "title";
    static final String SUMMARY = "summary";
    static final String BODY = "body";
    static final String TAG = "tag";
    /** The page itself and every page above it, on every trail: narrowing to a topic finds all below it. */
    static final String TOPIC = "topic";
    static final String STANCE = "stance";
    static final String ON = "on";
    static final String WORDS = "words";
    /** When the page last changed, and who changed it (shown with each hit). */
    static final String CHANGED = "changed";
    static final String CHANGED_BY = "changed-by";

    /**
     * The fields a plain search looks in, with their weight: a word in the title counts most. The
     * kinds' own fields of words (authors, a fact's value and unit, a call's skills) count as the text.
     */
    static final Map<String, Float> SEARCHED = searched();
    /**
     * Fields people may name in a query ({@code kind:fact}, {@code status:submitted}): the
     * common ones and every kind's own choices, ids and dates.
     */
    static final Set<String> KEYWORDS = keywords();
    static final List<String> FACETS = List.of(KIND, STANCE, TOPIC, TAG);

    /** Stored with offsets, so that snippets are cut without analysing the text again. */
    private static final FieldType HIGHLIGHTED = highlighted();

    /**
     * The words "did you mean" may suggest: those that name pages (titles, summaries, tags), as
     * written. Which pages hold each is all it asks: no frequencies or positions. The text itself
     * is left out: analysing it a second time, unstemmed, cost a seventh of a full index build.
     */
    private static final FieldType SPELLING = spelling();

    private IndexFields() {}

    static Analyzer analyzer() {
        Map<String, Analyzer> perField = new java.util.HashMap<>();
        KEYWORDS.forEach(f -> perField.put(f, new KeywordAnalyzer()));
        perField.put(WORDS, new StandardAnalyzer());
        return new PerFieldAnalyzerWrapper(new EnglishAnalyzer(), perField);
    }

    static FacetsConfig facets() {
        FacetsConfig config = new FacetsConfig();
        config.setMultiValued(TOPIC, true);
        config.setMultiValued(TAG, true);
        return config;
    }

    static Document document(Page page, SiteGraph graph, Optional<CommitInfo> lastChange) {
        Document doc = new Document();
        doc.add(new StringField(ID, page.id().value(), Field.Store.YES));
        keyword(doc, KIND, page.kind().id());
        doc.add(new Field(TITLE, page.title(), HIGHLIGHTED));
        doc.add(new Field(SUMMARY, page.summary().orElse(""), HIGHLIGHTED));
        String body = PlainText.of(page.body());
        doc.add(new Field(BODY, body, HIGHLIGHTED));
        doc.add(new Field(WORDS, page.title() + "\n" + page.summary().orElse("") + "\n" + String.join("\n", page.tags()), SPELLING));
        for (String tag : new LinkedHashSet<>(page.tags())) {
            keyword(doc, TAG, tag.toLowerCase(Locale.ROOT));
        }
        for (PageId topic : graph.withAncestors(page.id())) {
            // Every topic filters, but only a page with pages under it is a facet: 100,000 leaf pages
            // as facet values would cost each search a walk over all of them, for counts of one.
            String value = topic.isHome() ? "index" : topic.value();
            doc.add(new StringField(TOPIC, value, Field.Store.YES));
            if (graph.hasChildren(topic)) {
                doc.add(new SortedSetDocValuesFacetField(TOPIC, value));
            }
        }
        ownFields(doc, page);
        lastChange.ifPresent(c -> {
            doc.add(new StoredField(CHANGED, c.time().toString()));
            doc.add(new StoredField(CHANGED_BY, c.author()));
        });
        return doc;
    }

    /** Each of the kind's own fields ({@link Fields}) under its own name: whole values or words, as its shape says. */
    private static void ownFields(Document doc, Page page) {
        for (org.moot.schema.Field field : Fields.of(page.kind())) {
            for (String value : field.shape() == Shape.SOURCES ? List.<String>of() : values(page.frontMatter().get(field.name()))) {
                if (!field.shape().isKeyword()) {
                    doc.add(new TextField(field.name(), value, Field.Store.YES));
                } else if (FACETS.contains(field.name())) { // a stance: a facet, of the values allowed only
                    if (field.choices().contains(value)) {
                        keyword(doc, field.name(), value);
                    }
                } else {
                    doc.add(new StringField(field.name(), value, Field.Store.YES));
                }
            }
        }
    }

    /** A front-matter value as text: a list's items, a figure as written. */
    private static List<String> values(Object raw) {
        List<?> items = raw instanceof List<?> list ? list : raw == null ? List.of() : List.of(raw);
        return items.stream().filter(v -> v != null && !(v instanceof Map) && !(v instanceof List))
                .map(v -> String.valueOf(v).strip()).toList();
    }

    private static Map<String, Float> searched() {
        Map<String, Float> out = new java.util.HashMap<>(Map.of(TITLE, 4f, SUMMARY, 2f, TAG, 2f, BODY, 1f));
        Fields.all().stream().filter(f -> !Fields.COMMON.contains(f) && f.shape() != Shape.SOURCES && !f.shape().isKeyword())
                .forEach(f -> out.put(f.name(), 1f));
        return Map.copyOf(out);
    }

    private static Set<String> keywords() {
        Set<String> out = new java.util.HashSet<>(Set.of(ID, KIND, TAG, TOPIC));
        Fields.all().stream().filter(f -> !Fields.COMMON.contains(f) && f.shape().isKeyword()).forEach(f -> out.add(f.name()));
        return Set.copyOf(out);
    }

    private static void keyword(Document doc, String field, String value) {
        doc.add(new StringField(field, value, Field.Store.YES));
        doc.add(new SortedSetDocValuesFacetField(field, value));
    }

    private static FieldType highlighted() {
        FieldType type = new FieldType(TextField.TYPE_STORED);
        type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        type.freeze();
        return type;
    }

    private static FieldType spelling() {
        FieldType type = new FieldType(TextField.TYPE_NOT_STORED);
        type.setIndexOptions(IndexOptions.DOCS);
        type.freeze();
        return type;
    }

    static String stored(Document doc, String field) {
        String value = doc.get(field);
        return value == null ? "" : value;
    }
}
