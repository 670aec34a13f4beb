package org.moot.web;

import io.javalin.http.Context;
import org.moot.engine.Site;
import org.moot.web.auth.Auth;
import org.moot.web.auth.Sessions;

/** Builds the {@link Chrome} of a response. */
public final class Frame {

    private final Site site;
    private final Sessions sessions;

    public Frame(Site site, Sessions sessions) {
        this.site = site;
        this.sessions = sessions;
    }

    public Chrome chrome(Context ctx, String title) {
        return new Chrome(site.pages().settings().name(), title, Auth.user(ctx),
                sessions.find(ctx).map(Sessions.Session::csrf).orElse(""));
    }

    /** For a page with a form: starts a session if there is none, so the form has a CSRF token. */
    public Chrome withForm(Context ctx, String title) {
        return new Chrome(site.pages().settings().name(), title, Auth.user(ctx), sessions.ensure(ctx).csrf());
    }
}
