package org.moot.web.argue;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Optional;
import org.moot.engine.Site;
import org.moot.engine.Urls;
import org.moot.engine.access.Accounts;
import org.moot.engine.access.User;
import org.moot.engine.argue.ArgumentMap;
import org.moot.engine.argue.Argdown;
import org.moot.engine.argue.ProposedArgument;
import org.moot.engine.edit.EditOutcome;
import org.moot.engine.git.NotFoundException;
import org.moot.engine.read.Lookup;
import org.moot.engine.read.PageView;
import org.moot.schema.Details;
import org.moot.schema.PageId;
import org.moot.web.Params;
import org.moot.web.RequestTip;
import org.moot.web.auth.Auth;

/**
 * A page's arguments outside its page: the map ({@code /map/<id>}, SVG), the tree as Argdown
 * ({@code /api/pages/<id>/arguments.argdown}), and the short form that proposes a new one.
 */
public final class ArgumentRoutes {

    private final Site site;

    public ArgumentRoutes(Site site) {
        this.site = site;
    }

    /** Registered before {@code /api/pages/<id>}, which would take "a/arguments.argdown" whole. */
    public void register(RoutesConfig routes) {
        routes.get("/api/pages/<id>/arguments.argdown", ctx -> {
            PageView view = found(ctx);
            ctx.contentType("text/plain; charset=utf-8").result(Argdown.write(view.page(), view.arguments()));
        });
        routes.get("/map/<id>", ctx -> {
            PageView view = found(ctx);
            ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
            ctx.contentType("image/svg+xml; charset=utf-8").result(ArgumentMap.svg(view.page(), view.arguments()));
        });
        routes.post("/argue/<id>", this::propose);
        // A whole debate mapped in Argdown, as one proposal: from a form, or by a script with a token.
        routes.post("/argdown/<id>", ctx -> {
            User user = Auth.signedIn(ctx);
            org.moot.web.Utf8Body.requireForm(ctx);
            var made = site.argdown().propose(user, Params.pageId(ctx), Optional.ofNullable(ctx.formParam("argdown")).orElse(""));
            ctx.redirect("/proposals/" + made.number() + "?new=1", HttpStatus.SEE_OTHER);
        });
        routes.post("/api/pages/<id>/arguments.argdown", ctx -> {
            User user = Auth.user(ctx);
            if (user.isAnonymous()) {
                throw new Auth.Unauthorized("sign requests with HTTP Basic: your user name and an access token");
            }
            var made = site.argdown().propose(user, Params.pageId(ctx), ctx.body());
            ctx.status(HttpStatus.ACCEPTED).json(java.util.Map.of("proposal", made.number(), "arguments", made.arguments(),
                    "url", "/proposals/" + made.number()));
        });
    }

    private PageView found(Context ctx) {
        PageId id = Params.pageId(ctx);
        if (site.pages().find(id, Optional.empty(), RequestTip.of(ctx, site)) instanceof Lookup.Found f) {
            return f.view();
        }
        throw new NotFoundException("there is no page '" + id.value() + "'");
    }

    private void propose(Context ctx) {
        User user = Auth.signedIn(ctx);
        org.moot.web.Utf8Body.requireForm(ctx);
        PageId target = Params.pageId(ctx);
        Details.Stance stance = switch (Params.form(ctx, "stance")) {
            case "for" -> Details.Stance.FOR;
            case "against" -> Details.Stance.AGAINST;
            default -> throw new Accounts.Refused("choose whether the argument is for or against");
        };
        var request = ProposedArgument.request(site.pages().graph(RequestTip.of(ctx, site)), site.proposals().proposedIds(), target, stance,
                Params.form(ctx, "claim"), Params.form(ctx, "why"), Params.form(ctx, "source-title"), Params.form(ctx, "source-url"));
        String next = site.edits().save(user, request).match(new EditOutcome.Cases<String>() {
            public String merged(EditOutcome.Merged m) {
                return Urls.page(request.id()) + "?saved=1";
            }

            public String proposed(EditOutcome.Proposed p) {
                return "/proposals/" + p.number() + "?new=1";
            }

            public String conflicted(EditOutcome.Conflicted c) {
                return "/proposals/" + c.number();
            }

            public String invalid(EditOutcome.Invalid i) {
                throw new Accounts.Refused("the argument cannot be saved: line " + i.violations().get(0).line() + ": " + i.violations().get(0).message());
            }

            public String denied(EditOutcome.Denied d) {
                throw new org.moot.engine.access.Access.Forbidden(d.reason());
            }

            public String noChange(EditOutcome.NoChange n) {
                return Urls.page(target);
            }
        });
        ctx.redirect(next, HttpStatus.SEE_OTHER);
    }
}
