package org.moot.web.account;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.moot.engine.Site;
import org.moot.engine.access.Access;
import org.moot.engine.access.Account;
import org.moot.engine.access.Accounts;
import org.moot.engine.access.Role;
import org.moot.engine.access.User;
import org.moot.web.Frame;
import org.moot.web.Params;
import org.moot.web.Templates;
import org.moot.web.auth.Auth;
import org.moot.web.auth.Sessions;

/** Signing in and out, registering, a member's own page (profile, password, tokens), the directory. */
public final class AccountRoutes {

    private static final Map<String, String> MESSAGES = Map.of(
            "verified", "Welcome! Your membership was verified, so you can take part straight away.",
            "pending", "Welcome! An admin will confirm your membership; until then you can read everything.",
            "password", "Your password is changed, and you are signed out everywhere else.",
            "profile", "Your profile is saved.",
            "revoked", "The token is revoked: it no longer works anywhere.");

    private final Site site;
    private final Templates templates;
    private final Frame frame;
    private final Sessions sessions;
    private final Auth auth;

    public AccountRoutes(Site site, Templates templates, Frame frame, Sessions sessions, Auth auth) {
        this.site = site;
        this.templates = templates;
        this.frame = frame;
        this.sessions = sessions;
        this.auth = auth;
    }

    public void register(RoutesConfig routes) {
        routes.get("/login", ctx -> showLogin(ctx, "", HttpStatus.OK));
        routes.post("/login", this::login);
        routes.post("/logout", ctx -> {
            sessions.signOut(ctx);
            ctx.redirect("/", HttpStatus.SEE_OTHER);
        });
        routes.get("/register", ctx -> showRegister(ctx, Map.of(), "", HttpStatus.OK));
        routes.post("/register", this::registerAccount);
        routes.get("/members", new Directory(site, templates, frame)::show);
        routes.get("/members/{name}", ctx -> showMember(ctx, null));
        routes.post("/members/{name}/profile", this::saveProfile);
        routes.get("/members/{name}/data.json", ctx -> {
            User me = self(ctx);
            ctx.header("Content-Disposition", "attachment; filename=\"moot-" + me.name() + ".json\"")
                    .json(site.personalData().export(me, org.moot.web.RequestTip.of(ctx, site)));
        });
        routes.post("/members/{name}/close", ctx -> {
            User me = self(ctx);
            String password = Optional.ofNullable(ctx.formParam("password")).orElse("");
            requirePassword(ctx, me, password, "your account is still open");
            site.personalData().close(me, password);
            sessions.signOutEverywhereElse(ctx, me.name());
            sessions.signOut(ctx);
            ctx.redirect("/members/" + me.name(), HttpStatus.SEE_OTHER);
        });
        routes.post("/members/{name}/password", this::changePassword);
        routes.post("/members/{name}/tokens", this::createToken);
        routes.post("/members/{name}/tokens/{id}/revoke", ctx -> {
            site.access().accounts().revokeToken(self(ctx).name(), ctx.pathParam("id"));
            ctx.redirect("/members/" + self(ctx).name() + "?done=revoked", HttpStatus.SEE_OTHER);
        });
    }

    private void showLogin(Context ctx, String error, HttpStatus status) {
        ctx.status(status);
        templates.render(ctx, "login.jte", new AccountModels.Login(frame.withForm(ctx, "Sign in"),
                Optional.ofNullable(ctx.formParam("name")).orElse(""), localPath(ctx.queryParam("next")), error));
    }

    private void login(Context ctx) {
        String name = Optional.ofNullable(ctx.formParam("name")).orElse("").strip().toLowerCase(Locale.ROOT);
        Optional<User> user = auth.passwordLogin(ctx, name, Optional.ofNullable(ctx.formParam("password")).orElse(""));
        if (user.isEmpty()) {
            showLogin(ctx, "That user name and password do not match.", HttpStatus.UNAUTHORIZED);
            return;
        }
        sessions.signIn(ctx, user.get().name());
        String next = localPath(ctx.formParam("next"));
        ctx.redirect(next.isEmpty() ? "/members/" + user.get().name() : next, HttpStatus.SEE_OTHER);
    }

    private void showRegister(Context ctx, Map<String, String> values, String error, HttpStatus status) {
        ctx.status(status);
        templates.render(ctx, "register.jte", new AccountModels.Register(frame.withForm(ctx, "Register"), values, error,
                site.access().members().present()));
    }

    private void registerAccount(Context ctx) {
        Map<String, String> values = Map.of(
                "name", Params.form(ctx, "name").toLowerCase(Locale.ROOT), "displayName", Params.form(ctx, "displayName"),
                "email", Params.form(ctx, "email"), "number", Params.form(ctx, "number"), "postcode", Params.form(ctx, "postcode"));
        try {
            var registered = site.access().register(values.get("name"), values.get("displayName"), values.get("email"),
                    Optional.ofNullable(ctx.formParam("password")).orElse(""), values.get("number"), values.get("postcode"));
            sessions.signIn(ctx, registered.account().name());
            ctx.redirect("/members/" + registered.account().name() + "?done=" + (registered.verified() ? "verified" : "pending"),
                    HttpStatus.SEE_OTHER);
        } catch (Accounts.Refused e) {
            showRegister(ctx, values, capitalise(e.getMessage()) + ".", HttpStatus.BAD_REQUEST);
        }
    }

    private void showMember(Context ctx, String newToken) {
        String name = ctx.pathParam("name");
        Access access = site.access();
        Optional<Account> found = access.accounts().find(name);
        if (found.isEmpty()) {
            // A mirror or a fork has no accounts, and an imported history names people who never
            // had one here: what they wrote is still theirs, by the name in the site's history.
            var contributions = access.contributions(name);
            if (contributions.isEmpty()) {
                throw new org.moot.engine.git.NotFoundException("there is no member '" + name + "'");
            }
            templates.render(ctx, "member.jte", new AccountModels.Member(frame.chrome(ctx, contributions.get(0).author()), name,
                    contributions.get(0).author(), List.of(), false, null, null, contributions, site.proposals().of(name),
                    comments(ctx, name, contributions), "This name has no account on this site; what it wrote is in the site's history."));
            return;
        }
        Account account = found.get();
        if (account.wasClosed()) {
            templates.render(ctx, "member.jte", new AccountModels.Member(frame.chrome(ctx, name), name, name, List.of(), false,
                    null, null, access.contributions(name), List.of(), List.of(), "This account was closed on "
                    + account.closed().substring(0, 10) + "; what it wrote stays in the site's history under its name."));
            return;
        }
        User user = access.roles().user(account);
        boolean own = Auth.user(ctx).name().equals(name);
        var chrome = own ? frame.withForm(ctx, account.displayName()) : frame.chrome(ctx, account.displayName());
        List<String> roles = user.roles().stream().filter(r -> r != Role.READER).sorted().map(Role::id).toList();
        var contributions = access.contributions(name);
        templates.render(ctx, "member.jte", new AccountModels.Member(chrome, name, account.displayName(), roles,
                account.pending(), own || account.profile().listed() ? account.profile() : null,
                own ? new AccountModels.Own(account.email(), account.tokens(), newToken, org.moot.engine.read.HelpWanted.calls(
                        site.pages().graph(org.moot.web.RequestTip.of(ctx, site)), account.profile().skills(),
                        java.time.LocalDate.now(java.time.ZoneOffset.UTC)), site.governance().box().receiptsOf(name)) : null,
                contributions, site.proposals().of(name), comments(ctx, name, contributions),
                MESSAGES.getOrDefault(Optional.ofNullable(ctx.queryParam("done")).orElse(""), "")));
    }

    private List<org.moot.engine.talk.Comment> comments(Context ctx, String name, List<org.moot.engine.git.CommitInfo> contributions) {
        return site.discussions().by(org.moot.web.RequestTip.of(ctx, site), name, contributions);
    }

    private void saveProfile(Context ctx) {
        User me = self(ctx);
        String bio = Params.form(ctx, "bio");
        if (bio.length() > 2000) {
            throw new Accounts.Refused("a bio may have at most 2000 characters");
        }
        site.access().updateProfile(me.name(), Params.form(ctx, "displayName"), new Account.Profile(
                bio, list(Params.form(ctx, "interests")), list(Params.form(ctx, "skills")), limit(Params.form(ctx, "branch"), 80),
                ctx.formParam("listed") != null));
        ctx.redirect("/members/" + me.name() + "?done=profile", HttpStatus.SEE_OTHER);
    }

    private void changePassword(Context ctx) {
        User me = self(ctx);
        requirePassword(ctx, me, Optional.ofNullable(ctx.formParam("current")).orElse(""), "your password is unchanged");
        site.access().accounts().changePassword(me.name(), Optional.ofNullable(ctx.formParam("current")).orElse(""),
                Optional.ofNullable(ctx.formParam("password")).orElse(""));
        sessions.signOutEverywhereElse(ctx, me.name());
        ctx.redirect("/members/" + me.name() + "?done=password", HttpStatus.SEE_OTHER);
    }

    /** The member's own password, asked again for what cannot be undone: through the sign-in throttle, so a stolen session cannot guess it. */
    private void requirePassword(Context ctx, User me, String password, String otherwise) {
        if (auth.passwordLogin(ctx, me.name(), password).isEmpty()) {
            throw new Accounts.Refused("the password is not right; " + otherwise);
        }
    }

    private void createToken(Context ctx) {
        User me = self(ctx);
        var token = site.access().accounts().createToken(me.name(), limit(Params.form(ctx, "label"), 60));
        ctx.header("Cache-Control", "no-store");
        showMember(ctx, token.secret());
    }

    /** The signed-in user, who must be the member whose page this is. */
    private static User self(Context ctx) {
        User user = Auth.user(ctx);
        if (user.isAnonymous() || !user.name().equals(ctx.pathParam("name"))) {
            throw new Access.Forbidden("only " + ctx.pathParam("name") + " may change this account");
        }
        return user;
    }

    /**
     * Only paths on this site: a sign-in link must not send anyone elsewhere. Browsers drop tabs and
     * newlines and read a backslash as a slash, so {@code /\t/evil.example/} would leave the site:
     * the value must parse, as it is, as a URI with no scheme and no host whose path starts with one
     * slash, and contain no backslash, space or control character.
     */
    static String localPath(String next) {
        if (next == null || next.length() > 2000 || !next.startsWith("/") || next.startsWith("//")
                || next.chars().anyMatch(c -> c == '\\' || c <= ' ' || c >= 0x7f)) {
            return "";
        }
        try {
            java.net.URI uri = new java.net.URI(next);
            boolean local = uri.getScheme() == null && uri.getRawAuthority() == null && uri.getRawPath() != null
                    && uri.getRawPath().startsWith("/") && !uri.getRawPath().startsWith("//");
            return local ? next : "";
        } catch (java.net.URISyntaxException e) {
            return "";
        }
    }

    private static List<String> list(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> limit(s, 60)).distinct().limit(20).toList();
    }

    private static String limit(String text, int max) {
        return text.length() > max ? text.substring(0, max) : text;
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
