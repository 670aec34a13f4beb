package org.moot.web.search;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.moot.engine.Site;
import org.moot.engine.search.SearchQuery;
import org.moot.engine.search.SearchResults;
import org.moot.web.Frame;
import org.moot.web.Params;
import org.moot.web.RequestTip;
import org.moot.web.Templates;

/** {@code /search} for people and {@code /api/search} for scripts: one query, the same filters. */
public final class SearchRoutes {

    private static final int PAGE_SIZE = 20;

    private final Site site;
    private final Templates templates;
    private final Frame frame;

    public SearchRoutes(Site site, Templates templates, Frame frame) {
        this.site = site;
        this.templates = templates;
        this.frame = frame;
    }

    public void register(RoutesConfig routes) {
        routes.get("/search", this::page);
        routes.get("/api/search", this::api);
    }

    private void page(Context ctx) {
        SearchQuery query = query(ctx, PAGE_SIZE, offset(ctx));
        SearchResults results = site.search(query);
        if (results.problem().isPresent()) {
            ctx.status(HttpStatus.BAD_REQUEST);
        }
        String title = query.text().isEmpty() ? "Search" : "Search: " + query.text();
        templates.render(ctx, "search.jte", SearchModel.of(frame.chrome(ctx, title), query, results,
                site.pages().graph(RequestTip.of(ctx, site))));
    }

    private void api(Context ctx) {
        SearchQuery query = query(ctx, Params.limit(ctx, PAGE_SIZE, SearchQuery.MAX_LIMIT), offset(ctx));
        SearchResults results = site.search(query);
        if (results.problem().isPresent()) {
            ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("error", results.problem().get(), "errors", List.of()));
            return;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("total", results.total());
        json.put("hits", results.hits().stream().map(SearchRoutes::hit).toList());
        json.put("facets", results.facets());
        results.didYouMean().ifPresent(d -> json.put("didYouMean", d));
        ctx.json(json);
    }

    private static Map<String, Object> hit(SearchResults.Hit h) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", h.id().value());
        json.put("title", h.title());
        json.put("kind", h.kind().id());
        json.put("stance", h.stance().orElse(null));
        h.on().ifPresent(on -> json.put("on", on.value()));
        json.put("snippet", h.snippet().html());
        json.put("changed", h.changed().map(Object::toString).orElse(null));
        json.put("changedBy", h.changed().isPresent() ? h.changedBy() : null);
        return json;
    }

    private static SearchQuery query(Context ctx, int limit, int offset) {
        return new SearchQuery(Optional.ofNullable(ctx.queryParam("q")).orElse(""), param(ctx, "kind"), param(ctx, "stance"),
                param(ctx, "topic"), param(ctx, "tag"), offset, limit);
    }

    private static Optional<String> param(Context ctx, String name) {
        return Optional.ofNullable(ctx.queryParam(name));
    }

    private static int offset(Context ctx) {
        String from = ctx.queryParam("from");
        try {
            return from == null || from.isBlank() ? 0 : Integer.parseInt(from.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
