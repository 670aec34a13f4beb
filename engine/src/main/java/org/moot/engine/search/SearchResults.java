package org.moot.engine.search;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.moot.engine.render.SafeHtml;
import org.moot.schema.Kind;
import org.moot.schema.PageId;

/**
 * What a search found: the total, one page of hits with highlighted snippets, counts per facet
 * value, a spelling suggestion, or the reason the query could not be run.
 */
public record SearchResults(long total, List<Hit> hits, Map<String, List<FacetCount>> facets,
                            Optional<String> didYouMean, Optional<String> problem) {

    /**
     * One page found; {@code snippet} is escaped text with the matches in {@code <mark>};
     * {@code changed} and {@code changedBy}: its last published change and that change's author.
     */
    public record Hit(PageId id, String title, Kind kind, Optional<String> stance, Optional<PageId> on, SafeHtml snippet,
                      Optional<Instant> changed, String changedBy) {}

    public record FacetCount(String value, long count) {}

    public static final SearchResults NONE = new SearchResults(0, List.of(), Map.of(), Optional.empty(), Optional.empty());

    public static SearchResults refused(String problem) {
        return new SearchResults(0, List.of(), Map.of(), Optional.empty(), Optional.of(problem));
    }
}
