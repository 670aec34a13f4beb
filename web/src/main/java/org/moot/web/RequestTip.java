package org.moot.web;

import io.javalin.http.Context;
import org.moot.engine.Site;
import org.moot.engine.git.Snapshot;

/**
 * {@code main} as one request sees it: resolved on first use and kept on the request, so that
 * the page, the site's settings, the viewer's roles and the editor's base all come from one commit.
 */
public final class RequestTip {

    private static final String KEY = "moot.tip";

    private RequestTip() {}

    public static Snapshot of(Context ctx, Site site) {
        Snapshot tip = ctx.attribute(KEY);
        if (tip == null) {
            tip = site.tip();
            ctx.attribute(KEY, tip);
        }
        return tip;
    }
}
