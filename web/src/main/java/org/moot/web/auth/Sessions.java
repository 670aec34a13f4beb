package org.moot.web.auth;

import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.moot.engine.access.Secrets;

/**
 * Browser sessions, held in memory (a restart signs everyone out, which loses no content). The
 * cookie is HttpOnly and SameSite=Lax, Secure when the site is served over HTTPS; signing in
 * always starts a new session, so a session id planted before sign-in is worthless after it.
 */
public final class Sessions {

    /** One session; {@code user} is empty until someone signs in. {@code csrf} guards its forms. */
    public record Session(String id, String csrf, String user, Instant expires) {}

    static final String COOKIE = "moot_session";
    static final Duration LIFETIME = Duration.ofDays(14);
    private static final int MAX_SESSIONS = 100_000;

    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();

    public Optional<Session> find(Context ctx) {
        String id = ctx.cookie(COOKIE);
        if (id == null) {
            return Optional.empty();
        }
        Session session = sessions.get(id);
        if (session == null || session.expires().isBefore(Instant.now())) {
            return Optional.empty();
        }
        return Optional.of(session);
    }

    /**
     * The visitor's session, started now if they have none (a form needs its CSRF token). The
     * answer then carries that token, so no shared cache may keep it and hand it to another.
     */
    public Session ensure(Context ctx) {
        ctx.header("Cache-Control", Auth.PRIVATE);
        return find(ctx).orElseGet(() -> start(ctx, ""));
    }

    public Session signIn(Context ctx, String user) {
        find(ctx).ifPresent(old -> sessions.remove(old.id()));
        return start(ctx, user);
    }

    public void signOut(Context ctx) {
        find(ctx).ifPresent(old -> sessions.remove(old.id()));
        setCookie(ctx, "", 0);
    }

    /** Ends every session of a user, e.g. after a password change, except the current one. */
    public void signOutEverywhereElse(Context ctx, String user) {
        String current = find(ctx).map(Session::id).orElse("");
        sessions.values().removeIf(s -> s.user().equals(user) && !s.id().equals(current));
    }

    private Session start(Context ctx, String user) {
        if (sessions.size() >= MAX_SESSIONS) {
            Instant now = Instant.now();
            sessions.values().removeIf(s -> s.expires().isBefore(now) || s.user().isEmpty());
        }
        Session session = new Session(Secrets.random(32), Secrets.random(32), user, Instant.now().plus(LIFETIME));
        sessions.put(session.id(), session);
        setCookie(ctx, session.id(), LIFETIME.toSeconds());
        return session;
    }

    private static void setCookie(Context ctx, String value, long maxAge) {
        boolean https = "https".equalsIgnoreCase(ctx.scheme())
                || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
        ctx.res().addHeader("Set-Cookie", COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAge
                + "; HttpOnly; SameSite=Lax" + (https ? "; Secure" : ""));
    }
}
