package org.moot.web;

import io.javalin.http.Context;
import java.util.List;
import org.moot.engine.Site;
import org.moot.engine.access.Role;
import org.moot.engine.access.User;
import org.moot.schema.Violation;
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
        return chrome(ctx, title, sessions.find(ctx).map(Sessions.Session::csrf).orElse(""));
    }

    /** For a page with a form: starts a session if there is none, so the form has a CSRF token. */
    public Chrome withForm(Context ctx, String title) {
        return chrome(ctx, title, sessions.ensure(ctx).csrf());
    }

    private Chrome chrome(Context ctx, String title, String csrf) {
        User user = Auth.user(ctx);
        // Only admins can mend .moot/roles.yaml, so only they are told it is broken.
        var tip = RequestTip.of(ctx, site);
        List<Violation> rolesProblems = user.has(Role.ADMIN) ? site.access().roles().problems(tip) : List.of();
        return new Chrome(site.pages().settings(tip).name(), title, user, csrf, rolesProblems);
    }
}
