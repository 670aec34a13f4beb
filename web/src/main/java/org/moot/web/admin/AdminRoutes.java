package org.moot.web.admin;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.moot.engine.Site;
import org.moot.engine.access.Access;
import org.moot.engine.access.Account;
import org.moot.engine.access.Role;
import org.moot.engine.access.Roles;
import org.moot.engine.access.User;
import org.moot.web.Chrome;
import org.moot.web.Frame;
import org.moot.web.Params;
import org.moot.web.RequestTip;
import org.moot.web.Templates;
import org.moot.web.auth.Auth;

/** {@code /admin}: registrations awaiting approval, roles (each change a public commit), the members list. */
public final class AdminRoutes {

    /** The view record of admin.jte. */
    public record AdminModel(Chrome chrome, List<Account> pending, List<Row> users, boolean membersList, String message) {}

    /** One account and the roles it holds. */
    public record Row(String name, String displayName, Set<Role> roles) {
        public boolean has(Role role) {
            return roles.contains(role);
        }
    }

    private static final Map<String, String> MESSAGES = Map.of(
            "approved", "Approved: the new member's role is committed to .moot/roles.yaml.",
            "roles", "Roles changed: the change is a commit in .moot/roles.yaml's history.",
            "members", "The members list is loaded.");

    private final Site site;
    private final Templates templates;
    private final Frame frame;

    public AdminRoutes(Site site, Templates templates, Frame frame) {
        this.site = site;
        this.templates = templates;
        this.frame = frame;
    }

    public void register(RoutesConfig routes) {
        routes.get("/admin", this::show);
        routes.post("/admin/approve", ctx -> {
            site.access().approve(admin(ctx), Params.form(ctx, "name"), Params.form(ctx, "reason"));
            ctx.redirect("/admin?done=approved", HttpStatus.SEE_OTHER);
        });
        routes.post("/admin/roles", ctx -> {
            Set<Role> roles = EnumSet.noneOf(Role.class);
            ctx.formParams("role").forEach(r -> Role.parse(r).ifPresent(roles::add));
            site.access().setRoles(admin(ctx), Params.form(ctx, "name"), roles, Params.form(ctx, "reason"));
            ctx.redirect("/admin?done=roles", HttpStatus.SEE_OTHER);
        });
        routes.post("/admin/members", ctx -> {
            int count = site.access().loadMembers(admin(ctx), Params.form(ctx, "csv"));
            ctx.redirect("/admin?done=members&count=" + count, HttpStatus.SEE_OTHER);
        });
    }

    private void show(Context ctx) {
        admin(ctx);
        Access access = site.access();
        Roles roles = access.roles().at(RequestTip.of(ctx, site));
        List<Account> accounts = access.accounts().all();
        String message = MESSAGES.getOrDefault(Optional.ofNullable(ctx.queryParam("done")).orElse(""), "");
        if ("members".equals(ctx.queryParam("done"))) {
            message = "The members list is loaded: " + Optional.ofNullable(ctx.queryParam("count")).orElse("0").replaceAll("\\D", "")
                    + " members. Registrations that match a number and postcode become members at once.";
        }
        templates.render(ctx, "admin.jte", new AdminModel(frame.withForm(ctx, "Administration"),
                accounts.stream().filter(Account::pending).toList(),
                accounts.stream().map(a -> new Row(a.name(), a.displayName(), roles.of(a.name()))).toList(),
                access.members().present(), message));
    }

    private static User admin(Context ctx) {
        User user = Auth.user(ctx);
        if (!user.has(Role.ADMIN)) {
            throw new Access.Forbidden(user.isAnonymous() ? "Sign in as an admin to see this page." : "Only admins may see this page.");
        }
        return user;
    }

}
