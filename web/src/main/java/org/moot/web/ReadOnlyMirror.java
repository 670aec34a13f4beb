package org.moot.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import org.moot.engine.SiteFolder;

/**
 * On a mirror, every write and every page that exists only to write (an editor, a sign-in form)
 * is answered with a page naming the upstream and linking to the same page there.
 */
public final class ReadOnlyMirror {

    /** What the refusal page shows: the upstream, and this request's page on it. */
    public record Model(Chrome chrome, String upstream, String there) {}

    /** Pages whose only purpose is to change something or to sign in; everything else is read as usual. */
    private static final List<String> FORMS = List.of("/edit/", "/new", "/login", "/register", "/admin", "/watchlist");

    private final SiteFolder.Mirror mirror;
    private final Templates templates;
    private final Frame frame;

    ReadOnlyMirror(SiteFolder.Mirror mirror, Templates templates, Frame frame) {
        this.mirror = mirror;
        this.templates = templates;
        this.frame = frame;
    }

    void before(Context ctx) {
        boolean reads = ctx.method().name().equals("GET") || ctx.method().name().equals("HEAD");
        if (reads && FORMS.stream().noneMatch(f -> ctx.path().startsWith(f))) {
            return;
        }
        String there = mirror.siteUrl() + ctx.path() + (reads && ctx.queryString() != null ? "?" + ctx.queryString() : "");
        ctx.status(HttpStatus.FORBIDDEN);
        if (ctx.path().startsWith("/api/")) {
            ctx.json(java.util.Map.of("error", "this site is a read-only mirror of " + mirror.siteUrl(), "errors", List.of(),
                    "upstream", there, "requestId", RequestId.of(ctx)));
        } else {
            templates.render(ctx, "mirror.jte", new Model(frame.chrome(ctx, "Changes are made on the original"), mirror.siteUrl(), there));
        }
        ctx.skipRemainingHandlers();
    }
}
