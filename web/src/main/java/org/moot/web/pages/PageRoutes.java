package org.moot.web.pages;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Optional;
import org.moot.engine.Site;
import org.moot.engine.Urls;
import org.moot.engine.git.NotFoundException;
import org.moot.engine.read.Lookup;
import org.moot.schema.PageId;
import org.moot.web.Frame;
import org.moot.web.Params;
import org.moot.web.RequestTip;
import org.moot.web.Templates;

/** Reading pages: {@code /}, {@code /wiki/<id>}, {@code /raw/<id>}, {@code /contents}. */
public final class PageRoutes {

    private final Site site;
    private final Templates templates;
    private final Frame frame;

    public PageRoutes(Site site, Templates templates, Frame frame) {
        this.site = site;
        this.templates = templates;
        this.frame = frame;
    }

    public void register(RoutesConfig routes) {
        routes.get("/", ctx -> show(ctx, PageId.HOME));
        routes.get("/wiki", ctx -> ctx.redirect("/", HttpStatus.MOVED_PERMANENTLY));
        routes.get("/wiki/<id>", ctx -> show(ctx, Params.pageId(ctx)));
        routes.get("/raw/<id>", this::raw);
        routes.get("/contents", this::contents);
    }

    private void show(Context ctx, PageId id) {
        Lookup lookup = site.pages().find(id, Params.revision(ctx), RequestTip.of(ctx, site));
        if (lookup instanceof Lookup.Redirect r) {
            ctx.redirect(Urls.page(r.to()), HttpStatus.MOVED_PERMANENTLY);
        } else if (lookup instanceof Lookup.Missing m) {
            ctx.status(HttpStatus.NOT_FOUND);
            templates.render(ctx, "missing.jte", new MissingModel(frame.chrome(ctx, "Page not found"), m.asked(), m.suggestions()));
        } else {
            var view = ((Lookup.Found) lookup).view();
            String notice = ctx.queryParam("saved") == null ? "" : "Your edit is published.";
            var user = org.moot.web.auth.Auth.user(ctx);
            boolean watched = !user.isAnonymous() && site.watchlists().of(user.name()).watches(id);
            templates.render(ctx, "page.jte", PageModel.of(user.isAnonymous() ? frame.chrome(ctx, view.page().title())
                    : frame.withForm(ctx, view.page().title()), view, notice, watched));
        }
    }

    private void raw(Context ctx) {
        PageId id = Params.pageId(ctx);
        byte[] bytes = site.pages().raw(id, Params.revision(ctx))
                .orElseThrow(() -> new NotFoundException("there is no page '" + id + "'"));
        // Plain text, never sniffed as HTML: raw Markdown may contain markup.
        ctx.contentType("text/plain; charset=utf-8").result(bytes);
    }

    private void contents(Context ctx) {
        var graph = site.pages().graph(RequestTip.of(ctx, site));
        templates.render(ctx, "contents.jte", ContentsModel.of(frame.chrome(ctx, "Contents"), graph));
    }
}
