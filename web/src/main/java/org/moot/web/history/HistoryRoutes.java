package org.moot.web.history;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Optional;
import org.moot.engine.Site;
import org.moot.engine.git.NotFoundException;
import org.moot.schema.Kind;
import org.moot.schema.PageId;
import org.moot.web.Frame;
import org.moot.web.RequestTip;
import org.moot.web.Params;
import org.moot.web.AtomFeed;
import org.moot.web.Templates;

/** The past of pages and of the site: history, differences, blame, recent changes and their feeds. */
public final class HistoryRoutes {

    private final Site site;
    private final Templates templates;
    private final Frame frame;

    public HistoryRoutes(Site site, Templates templates, Frame frame) {
        this.site = site;
        this.templates = templates;
        this.frame = frame;
    }

    public void register(RoutesConfig routes) {
        routes.get("/history/<id>", this::log);
        routes.get("/diff/<id>", this::diff);
        routes.get("/blame/<id>", this::blame);
        routes.get("/changes", this::changes);
        routes.get("/changes.atom", this::feed);
    }

    private String title(Context ctx, PageId id) {
        return site.pages().graph(RequestTip.of(ctx, site)).page(id).map(p -> p.title()).orElse(id.value());
    }

    private void log(Context ctx) {
        PageId id = Params.pageId(ctx);
        templates.render(ctx, "history.jte", new HistoryModels.Log(frame.chrome(ctx, "History: " + title(ctx, id)), id, title(ctx, id),
                site.history().log(id, Params.limit(ctx, 200, 2000))));
    }

    private void diff(Context ctx) {
        PageId id = Params.pageId(ctx);
        String from = required(ctx, "from");
        String to = Optional.ofNullable(ctx.queryParam("to")).filter(s -> !s.isBlank())
                .orElseGet(() -> site.pages().graph(RequestTip.of(ctx, site)).snapshot().revision());
        templates.render(ctx, "diff.jte", new HistoryModels.Diff(frame.chrome(ctx, "Changes: " + title(ctx, id)), id, title(ctx, id),
                from, to, "unified".equals(ctx.queryParam("view")), site.history().diff(id, from, to)));
    }

    private void blame(Context ctx) {
        PageId id = Params.pageId(ctx);
        templates.render(ctx, "blame.jte", new HistoryModels.Blame(frame.chrome(ctx, "Who wrote: " + title(ctx, id)), id, title(ctx, id),
                site.history().blame(id, Params.revision(ctx))));
    }

    private void changes(Context ctx) {
        String kind = Optional.ofNullable(ctx.queryParam("kind")).orElse("");
        String user = Optional.ofNullable(ctx.queryParam("user")).orElse("").strip();
        var list = site.history().changes(Params.limit(ctx, 50, 500), Kind.parse(kind),
                Optional.of(user).filter(u -> !u.isEmpty()));
        templates.render(ctx, "changes.jte", new HistoryModels.Changes(frame.chrome(ctx, "Recent changes"), list, kind, user));
    }

    /** {@code /changes.atom}, or {@code /changes.atom?page=<id>} for one page's changes. */
    private void feed(Context ctx) {
        String name = site.pages().settings(RequestTip.of(ctx, site)).name();
        String base = org.moot.web.SiteUrl.of(ctx, site);
        Optional<PageId> page = Optional.ofNullable(ctx.queryParam("page")).filter(p -> !p.isBlank()).map(PageId::of);
        var changes = site.history().changes(page.isPresent() ? 500 : 50, Optional.empty(), Optional.empty()).stream()
                .filter(c -> page.isEmpty() || c.pages().stream().anyMatch(p -> p.id().equals(page.get())))
                .limit(50).toList();
        String self = "/changes.atom" + page.map(p -> "?page=" + p.value()).orElse("");
        ctx.contentType("application/atom+xml; charset=utf-8")
                .result(AtomFeed.of(name + page.map(p -> ": " + title(ctx, p)).orElse(": recent changes"), self, base, changes));
    }

    private static String required(Context ctx, String name) {
        return Optional.ofNullable(ctx.queryParam(name)).filter(s -> !s.isBlank())
                .orElseThrow(() -> new NotFoundException("say which revision to compare from, as ?" + name + "=<revision>"));
    }
}
