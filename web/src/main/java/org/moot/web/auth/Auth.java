package org.moot.web.auth;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.util.Optional;
import org.moot.engine.Site;
import org.moot.engine.access.Access;
import org.moot.engine.access.Secrets;
import org.moot.engine.access.User;
import org.moot.web.RequestTip;

/**
 * Who is asking, decided once per request before any route runs: a signed-in session for pages,
 * HTTP Basic with a user name and access token for the API. Every form POST must carry the
 * session's CSRF token or it is refused.
 */
public final class Auth {

    private static final String USER = "moot.user";
    /** For answers that belong to one visitor: their pages, and forms bound to their session. */
    public static final String PRIVATE = "private, no-store";

    /** Credentials that were given and are wrong: answered 401 so scripts and git ask again. */
    public static final class Unauthorized extends RuntimeException {
        public Unauthorized(String message) {
            super(message);
        }
    }

    /** A page that needs a signed-in user: answered by sending the visitor to sign in, then back. */
    public static final class SignInFirst extends RuntimeException {
        private final String next;

        public SignInFirst(String next) {
            super("sign in first");
            this.next = next;
        }

        public String next() {
            return next;
        }
    }

    /** Too many failed sign-ins: answered 429. */
    public static final class SlowDown extends RuntimeException {
        public SlowDown(Duration wait) {
            super("Too many failed attempts; try again in " + Math.max(1, wait.toSeconds()) + " seconds.");
        }
    }

    private final Site site;
    private final Access access;
    private final Sessions sessions;
    private final LoginThrottle throttle;

    public Auth(Site site, Sessions sessions, LoginThrottle throttle) {
        this.site = site;
        this.access = site.access();
        this.sessions = sessions;
        this.throttle = throttle;
    }

    public static User user(Context ctx) {
        User user = ctx.attribute(USER);
        return user == null ? User.ANONYMOUS : user;
    }

    /** The signed-in user; anyone else is sent to sign in and brought back here. */
    public static User signedIn(Context ctx) {
        User user = user(ctx);
        if (user.isAnonymous()) {
            throw new SignInFirst(ctx.path());
        }
        return user;
    }

    public void before(Context ctx) {
        // Scripts and feed readers sign each request with a token; browsers use the session.
        if (ctx.path().startsWith("/api/") || ctx.path().equals("/watchlist.atom")) {
            signedInAs(ctx, basic(ctx));
            return;
        }
        var session = sessions.find(ctx);
        signedInAs(ctx, session.filter(s -> !s.user().isEmpty()).flatMap(s -> access.user(s.user(), RequestTip.of(ctx, site))).orElse(User.ANONYMOUS));
        if (ctx.method().name().equals("POST")) {
            String token = ctx.formParam("csrf");
            if (session.isEmpty() || !Secrets.same(session.get().csrf(), token)) {
                throw new Access.Forbidden("This form has expired or did not come from this site. Reload the page and try again.");
            }
        }
    }

    /** What is shown to a signed-in user is theirs: no shared cache or browser history may keep it. */
    private static void signedInAs(Context ctx, User user) {
        ctx.attribute(USER, user);
        if (!user.isAnonymous()) {
            ctx.header("Cache-Control", PRIVATE);
        }
    }

    /**
     * Signs in with a password; the caller starts the session. The throttle is asked before the
     * password is checked, so a guesser it slows learns nothing; it slows only attempts on this
     * account from this address (see {@link LoginThrottle}), so the owner elsewhere is unaffected.
     */
    public Optional<User> passwordLogin(Context ctx, String name, String password) {
        String address = ctx.ip();
        throttle.wait(name, address).ifPresent(wait -> {
            throw new SlowDown(wait);
        });
        Optional<User> user = access.login(name, password);
        if (user.isEmpty()) {
            throttle.failed(name, address);
        } else {
            throttle.succeeded(name, address);
        }
        return user;
    }

    private User basic(Context ctx) {
        return basic(Optional.ofNullable(ctx.header("Authorization")), ctx.ip());
    }

    /**
     * HTTP Basic with an access token, for the API and {@code git push}: anonymous without the
     * header. A token is random and long, so it cannot be guessed: a right one always works, and
     * wrong ones are slowed by address, never by the user named.
     */
    public User basic(Optional<String> header, String address) {
        if (header.isEmpty() || !header.get().regionMatches(true, 0, "Basic ", 0, 6)) {
            return User.ANONYMOUS;
        }
        String decoded;
        try {
            decoded = new String(java.util.Base64.getDecoder().decode(header.get().substring(6).strip()),
                    java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            decoded = "";
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new Unauthorized("the Authorization header is not valid HTTP Basic");
        }
        Optional<User> user = access.tokenLogin(decoded.substring(0, colon), decoded.substring(colon + 1));
        if (user.isPresent()) {
            return user.get();
        }
        throttle.tokenFailed(address);
        throttle.tokenWait(address).ifPresent(wait -> {
            throw new SlowDown(wait);
        });
        throw new Unauthorized("the user name or access token is not right (tokens are made on your page, /members/<name>)");
    }

    public static void challenge(Context ctx) {
        ctx.header("WWW-Authenticate", "Basic realm=\"Moot\", charset=\"UTF-8\"");
        ctx.status(HttpStatus.UNAUTHORIZED);
    }
}
