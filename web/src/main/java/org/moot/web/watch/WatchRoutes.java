package org.moot.web.watch;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.moot.engine.Site;
import org.moot.engine.Urls;
import org.moot.engine.access.User;
import org.moot.engine.edit.Proposals;
import org.moot.engine.read.HistoryReader;
import org.moot.engine.watch.Watchlists;
import org.moot.schema.Page;
import org.moot.schema.PageId;
import org.moot.web.AtomFeed;
import org.moot.web.Chrome;
import org.moot.web.Frame;
import org.moot.web.RequestTip;
import org.moot.web.Params;
import org.moot.web.Templates;
import org.moot.web.auth.Auth;

/** Watching pages: the toggle, {@code /watchlist} (what changed since the last visit) and its private feed. */
public final class WatchRoutes {

    /** watchlist.jte */
    public record WatchModel(Chrome chrome, List<Page> watched, List<String> gone, List<HistoryReader.Change> changes,
                             Instant since, List<Proposals.Proposal> proposals) {}

    private static final int SCAN = 300;

    private final Site site;
    private final Templates templates;
    private final Frame frame;

    public WatchRoutes(Site site, Templates templates, Frame frame) {
        this.site = site;
        this.templates = templates;
        this.frame = frame;
    }

    public void register(RoutesConfig routes) {
        routes.post("/watch/<id>", ctx -> {
            User user = Auth.signedIn(ctx);
            PageId id = Params.pageId(ctx);
            site.watchlists().watch(user.name(), id, !"0".equals(ctx.formParam("watch")));
            ctx.redirect(Urls.page(id), HttpStatus.SEE_OTHER);
        });
        routes.get("/watchlist", this::show);
        routes.get("/watchlist.atom", this::feed);
    }

    private void show(Context ctx) {
        User user = Auth.signedIn(ctx);
        var graph = site.pages().graph(RequestTip.of(ctx, site));
        Watchlists.Watchlist list = site.watchlists().visit(user.name(), graph.snapshot().revision());
        Instant since = list.lastVisitTime();
        List<Page> watched = list.pages().stream().map(id -> graph.page(PageId.of(id))).flatMap(Optional::stream).toList();
        List<String> gone = list.pages().stream().filter(id -> graph.page(PageId.of(id)).isEmpty()).toList();
        var changes = Watchlists.relevant(list, site.history().changes(SCAN, Optional.empty(), Optional.empty()));
        templates.render(ctx, "watchlist.jte", new WatchModel(frame.withForm(ctx, "Watchlist"), watched, gone, changes, since,
                site.proposals().of(user.name())));
    }

    /** For feed readers: HTTP Basic with the user name and an access token; the last 50 relevant changes. */
    private void feed(Context ctx) {
        User user = Auth.user(ctx);
        if (user.isAnonymous()) {
            throw new Auth.Unauthorized("this feed is private: use your user name and an access token (HTTP Basic)");
        }
        Watchlists.Watchlist list = site.watchlists().of(user.name());
        var everything = new Watchlists.Watchlist(list.pages(), null, null);
        var changes = Watchlists.relevant(everything, site.history().changes(SCAN, Optional.empty(), Optional.empty()));
        ctx.header("Cache-Control", "private, no-store");
        ctx.contentType("application/atom+xml; charset=utf-8").result(AtomFeed.of(
                site.pages().settings(RequestTip.of(ctx, site)).name() + ": watched by " + user.displayName(), "/watchlist.atom",
                org.moot.web.SiteUrl.of(ctx, site), changes.stream().limit(50).toList()));
    }

}
