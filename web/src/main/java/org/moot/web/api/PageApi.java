package org.moot.web.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.moot.engine.Site;
import org.moot.engine.Urls;
import org.moot.engine.graph.ArgumentTree;
import org.moot.engine.read.Lookup;
import org.moot.engine.read.PageView;
import org.moot.schema.Details;
import org.moot.schema.Page;
import org.moot.schema.Violation;
import org.moot.web.Params;
import org.moot.web.RequestTip;

/** {@code GET /api/pages/<id>}: the same data as the page, as JSON (DESIGN.md fixes the fields). */
public final class PageApi {

    private final Site site;

    public PageApi(Site site) {
        this.site = site;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/pages/<id>", this::get);
    }

    private void get(Context ctx) {
        Lookup lookup = site.pages().find(Params.pageId(ctx), Params.revision(ctx), RequestTip.of(ctx, site));
        if (lookup instanceof Lookup.Redirect r) {
            ctx.redirect(Urls.api(r.to()), HttpStatus.MOVED_PERMANENTLY);
            return;
        }
        if (lookup instanceof Lookup.Missing m) {
            ctx.status(HttpStatus.NOT_FOUND).json(Map.of(
                    "error", "there is no page '" + m.asked() + "'",
                    "errors", List.of(),
                    "suggestions", m.suggestions().stream().map(PageApi::ref).toList()));
            return;
        }
        PageView view = ((Lookup.Found) lookup).view();
        Page page = view.page();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", page.id().value());
        json.put("kind", page.kind().id());
        json.put("title", page.title());
        json.put("frontMatter", page.frontMatter().fields());
        json.put("markdown", site.pages().source(view));
        json.put("html", view.html().html());
        json.put("revision", view.snapshot().revision());
        json.put("breadcrumbs", view.trails().stream().map(t -> t.stream().map(PageApi::ref).toList()).toList());
        json.put("arguments", arguments(view.arguments()));
        json.put("problems", view.problems().stream().map(PageApi::problem).toList());
        ctx.json(json);
    }

    static Map<String, Object> ref(Page page) {
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("id", page.id().value());
        ref.put("title", page.title());
        return ref;
    }

    private static Map<String, Object> arguments(ArgumentTree tree) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("for", nodes(tree.pro()));
        out.put("against", nodes(tree.con()));
        return out;
    }

    private static List<Map<String, Object>> nodes(List<ArgumentTree.Node> nodes) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ArgumentTree.Node node : nodes) {
            Map<String, Object> json = ref(node.argument());
            node.argument().summary().ifPresent(s -> json.put("summary", s));
            ((Details.Argument) node.argument().details()).stance()
                    .ifPresent(s -> json.put("stance", s.name().toLowerCase(java.util.Locale.ROOT)));
            json.putAll(arguments(node.replies()));
            out.add(json);
        }
        return out;
    }

    private static Map<String, Object> problem(Violation v) {
        return Map.of("path", v.path(), "line", v.line(), "message", v.message());
    }
}
