package org.moot.web.pages;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import org.moot.engine.Site;
import org.moot.engine.Urls;
import org.moot.engine.access.User;
import org.moot.engine.git.Snapshot;
import org.moot.engine.git.NotFoundException;
import org.moot.engine.read.Lookup;
import org.moot.schema.Kind;
import org.moot.schema.PageId;
import org.moot.web.Frame;
import org.moot.web.Params;
import org.moot.web.RequestTip;
import org.moot.web.Templates;
import org.moot.web.auth.Auth;

/** Reading pages: {@code /}, {@code /wiki/<id>}, {@code /raw/<id>}, {@code /contents}. */
public final class PageRoutes {

    /** How far back a collective page's history is read to credit its writers. */
    private static final int CONTRIBUTIONS = 5_000;
    /** Arguments read for their first writer, at most, on one page view. */
    private static final int PROPOSERS_SCAN = 100;

    /**
     * Enough for every page of a 10,000-page site as visitors see it (about 9 KB, and 3 KB gzipped);
     * the pages of a larger site that do not fit are kept on disk.
     */
    private static final long PUBLIC_PAGE_BYTES = 160L << 20;

    private final Site site;
    private final Templates templates;
    private final Frame frame;
    private final PublicPages publicPages;

    public PageRoutes(Site site, Templates templates, Frame frame) {
        this.site = site;
        this.templates = templates;
        this.frame = frame;
        this.publicPages = new PublicPages(PUBLIC_PAGE_BYTES,
                new SpilledPages(site.folder().rendered(), () -> site.tip().commit(), SpilledPages.oneWriter()),
                java.util.concurrent.ForkJoinPool.commonPool());
    }

    public void register(RoutesConfig routes) {
        routes.get("/", ctx -> show(ctx, PageId.HOME));
        routes.get("/wiki", ctx -> ctx.redirect("/", HttpStatus.MOVED_PERMANENTLY));
        routes.get("/wiki/<id>", ctx -> show(ctx, Params.pageId(ctx)));
        routes.get("/raw/<id>", this::raw);
        routes.get("/contents", this::contents);
    }

    private void show(Context ctx, PageId id) {
        User user = Auth.user(ctx);
        Snapshot tip = RequestTip.of(ctx, site);
        if (!user.isAnonymous() || ctx.queryString() != null) {
            String html = html(ctx, id, tip, user);
            if (html != null) {
                ctx.contentType(PublicPages.HTML).result(html);
            }
            return;
        }
        // A visitor: the page everyone sees (the front answers most of these before they get here).
        String encodings = ctx.header("Accept-Encoding");
        PublicPages.Answer answer = publicPages.kept(tip.commit(), id, ctx.header("If-None-Match"), encodings);
        if (answer == null) {
            String html = html(ctx, id, tip, user);
            if (html == null) {
                return;
            }
            answer = publicPages.keep(tip.commit(), id, html, encodings);
        }
        // Encoded here as the front encodes it, so that each ETag names one encoding of the page.
        ctx.disableCompression().status(answer.status()).header("Cache-Control", PublicPages.CACHE_CONTROL)
                .header("ETag", answer.etag()).header("Vary", "Accept-Encoding");
        if (answer.status() == 200) {
            if (answer.gzipped()) {
                ctx.header("Content-Encoding", "gzip");
            }
            ctx.contentType(PublicPages.HTML).result(answer.body());
        }
    }

    /** Answers visitors' views of kept pages in front of the routes. */
    public PublicPageFront front() {
        return new PublicPageFront(site, publicPages);
    }

    /** The page as HTML; null when the answer was a redirect or "not found", already given. */
    private String html(Context ctx, PageId id, Snapshot tip, User user) {
        Lookup lookup = site.pages().find(id, Params.revision(ctx), tip);
        if (lookup instanceof Lookup.Redirect r) {
            ctx.redirect(Urls.page(r.to()), HttpStatus.MOVED_PERMANENTLY);
            return null;
        }
        if (lookup instanceof Lookup.Missing m) {
            ctx.status(HttpStatus.NOT_FOUND);
            templates.render(ctx, "missing.jte", new MissingModel(frame.chrome(ctx, "Page not found"), m.asked(), m.suggestions()));
            return null;
        }
        var view = ((Lookup.Found) lookup).view();
        String notice = ctx.queryParam("saved") == null ? "" : "Your edit is published.";
        boolean watched = !user.isAnonymous() && site.watchlists().of(user.name()).watches(id);
        int comments = site.discussions().count(view.snapshot(), view.page().id());
        return templates.html("page.jte", PageModel.of(user.isAnonymous() ? frame.chrome(ctx, view.page().title())
                : frame.withForm(ctx, view.page().title()), view, notice, watched, comments, collective(view),
                view.page().kind() == Kind.PAPER ? site.papers().versions(view.page().id()) : List.of(),
                notes(view), proposers(view),
                // Suggested helpers come from profiles, which change without a commit: only on pages made fresh for a member.
                user.isAnonymous() ? List.of() : org.moot.engine.read.HelpWanted.suggest(view.page(), site.access().accounts()::all),
                site.governance().pollsOn(view.snapshot(), view.page().id().value()),
                view.latest() && site.access().permissions().mayAttachPolls(user)));
    }

    /**
     * Who put forward the arguments on this page (the first writer of each), by account: so
     * members can see that their view is here. The site's own commits (a demo, an import) count no one.
     */
    private List<org.moot.engine.read.Contributors.Contributor> proposers(org.moot.engine.read.PageView view) {
        if (view.arguments().isEmpty() || !view.latest()) {
            return List.of();
        }
        List<org.moot.engine.git.CommitInfo> firsts = new java.util.ArrayList<>();
        java.util.ArrayDeque<org.moot.engine.graph.ArgumentTree> todo = new java.util.ArrayDeque<>(List.of(view.arguments()));
        while (!todo.isEmpty() && firsts.size() < PROPOSERS_SCAN) {
            var tree = todo.poll();
            for (var node : java.util.stream.Stream.concat(tree.pro().stream(), tree.con().stream()).toList()) {
                var log = site.history().log(node.argument().id(), CONTRIBUTIONS);
                if (!log.isEmpty()) {
                    firsts.add(log.get(log.size() - 1));
                }
                todo.add(node.replies());
            }
        }
        return org.moot.engine.read.Contributors.of(firsts).stream().filter(c -> !c.account().isEmpty()).toList();
    }

    /** What an overview says of each page under this one: its arguments for and against, an open dispute. */
    private java.util.Map<org.moot.schema.PageId, String> notes(org.moot.engine.read.PageView view) {
        var graph = view.graph();
        java.util.Map<org.moot.schema.PageId, String> notes = new java.util.HashMap<>();
        for (var child : view.children()) {
            var tree = graph.arguments(child.id());
            List<String> parts = new java.util.ArrayList<>();
            if (!tree.isEmpty()) {
                parts.add(tree.pro().size() + " for · " + tree.con().size() + " against");
            }
            int disputes = org.moot.engine.read.FactStrength.disputes(child).size();
            if (disputes > 0) {
                parts.add(disputes == 1 ? "disputed" : disputes + " disputes");
            }
            if (!parts.isEmpty()) {
                notes.put(child.id(), String.join(" · ", parts));
            }
        }
        return notes;
    }

    /** Who wrote a response or synthesis, and the responses a synthesis leaves out; null for other pages. */
    private PageModel.Collective collective(org.moot.engine.read.PageView view) {
        Kind kind = view.page().kind();
        if (kind != Kind.RESPONSE && kind != Kind.SYNTHESIS) {
            return null;
        }
        var history = view.latest() ? site.history().log(view.page().id(), CONTRIBUTIONS) : List.<org.moot.engine.git.CommitInfo>of();
        return new PageModel.Collective(org.moot.engine.read.Contributors.of(history),
                view.graph().responsesNotDrawnOn(view.page()));
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
