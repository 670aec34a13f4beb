package org.moot.web.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.moot.engine.Urls;
import org.moot.engine.graph.SiteGraph;
import org.moot.engine.search.SearchQuery;
import org.moot.engine.search.SearchResults;
import org.moot.schema.Page;
import org.moot.web.Chrome;
import org.moot.web.pages.PageModel;

/**
 * The view record of search.jte: the query as asked, one page of hits (each with its trails and,
 * for an argument, the page it argues about), facets whose values add or remove a filter, and
 * the links to the pages before and after.
 */
public record SearchModel(Chrome chrome, SearchQuery query, SearchResults results, List<Hit> hits,
                          List<Facet> facets, List<Filter> filters, Optional<String> previous, Optional<String> next) {

    public record Hit(SearchResults.Hit hit, String url, String kindLabel, List<List<Page>> trails, Optional<Page> on) {}

    public record Facet(String label, List<Value> values) {}

    /** One facet value: following {@code url} picks it (or drops it, when {@code chosen}). */
    public record Value(String label, long count, String url, boolean chosen) {}

    /** A filter in force, with the link that drops it. */
    public record Filter(String label, String removeUrl) {}

    private static final Map<String, String> FACET_LABELS = Map.of("kind", "Kind", "stance", "Stance", "topic", "Topic", "tag", "Tag");

    static SearchModel of(Chrome chrome, SearchQuery query, SearchResults results, SiteGraph graph) {
        List<Hit> hits = results.hits().stream().map(h -> new Hit(h, Urls.page(h.id()), PageModel.kindLabel(h.kind()),
                graph.trails(h.id()), h.on().flatMap(graph::page))).toList();
        List<Facet> facets = new ArrayList<>();
        results.facets().forEach((dim, values) -> {
            if (!values.isEmpty()) {
                facets.add(new Facet(FACET_LABELS.getOrDefault(dim, dim), values.stream()
                        .map(v -> value(query, dim, v, graph)).toList()));
            }
        });
        List<Filter> filters = new ArrayList<>();
        chosen(query).forEach((dim, value) -> filters.add(new Filter(FACET_LABELS.get(dim) + ": " + label(dim, value, graph),
                url(with(query, dim, Optional.empty())))));
        Optional<String> previous = query.offset() > 0
                ? Optional.of(url(page(query, Math.max(0, query.offset() - query.limit())))) : Optional.empty();
        Optional<String> next = query.offset() + query.limit() < Math.min(results.total(), SearchQuery.MAX_OFFSET + query.limit())
                ? Optional.of(url(page(query, query.offset() + query.limit()))) : Optional.empty();
        return new SearchModel(chrome, query, results, hits, facets, filters, previous, next);
    }

    public boolean asked() {
        return !query.isEmpty();
    }

    public String firstShown() {
        return String.valueOf(query.offset() + 1);
    }

    public String lastShown() {
        return String.valueOf(query.offset() + results.hits().size());
    }

    public Optional<String> didYouMeanUrl() {
        return results.didYouMean().map(text -> url(new SearchQuery(text, query.kind(), query.stance(), query.topic(),
                query.tag(), 0, query.limit())));
    }

    private static Value value(SearchQuery query, String dim, SearchResults.FacetCount count, SiteGraph graph) {
        boolean chosen = count.value().equals(chosen(query).get(dim));
        return new Value(label(dim, count.value(), graph), count.count(),
                url(with(query, dim, chosen ? Optional.empty() : Optional.of(count.value()))), chosen);
    }

    private static Map<String, String> chosen(SearchQuery query) {
        Map<String, String> out = new LinkedHashMap<>();
        query.kind().ifPresent(v -> out.put("kind", v));
        query.stance().ifPresent(v -> out.put("stance", v));
        query.topic().ifPresent(v -> out.put("topic", v));
        query.tag().ifPresent(v -> out.put("tag", v));
        return out;
    }

    /** Topics are shown by their title; kinds by their name; the rest as they are. */
    private static String label(String dim, String value, SiteGraph graph) {
        if (dim.equals("topic")) {
            return Urls.pageId(value).flatMap(graph::page).map(Page::title).orElse(value);
        }
        if (dim.equals("kind")) {
            return org.moot.schema.Kind.parse(value).map(PageModel::kindLabel).orElse(value);
        }
        return value;
    }

    private static SearchQuery with(SearchQuery q, String dim, Optional<String> value) {
        return new SearchQuery(q.text(), dim.equals("kind") ? value : q.kind(), dim.equals("stance") ? value : q.stance(),
                dim.equals("topic") ? value : q.topic(), dim.equals("tag") ? value : q.tag(), 0, q.limit());
    }

    private static SearchQuery page(SearchQuery q, int offset) {
        return new SearchQuery(q.text(), q.kind(), q.stance(), q.topic(), q.tag(), offset, q.limit());
    }

    static String url(SearchQuery q) {
        StringBuilder url = new StringBuilder(Urls.search(q.text()));
        chosen(q).forEach((dim, value) -> url.append('&').append(dim).append('=')
                .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8)));
        if (q.offset() > 0) {
            url.append("&from=").append(q.offset());
        }
        return url.toString();
    }
}
