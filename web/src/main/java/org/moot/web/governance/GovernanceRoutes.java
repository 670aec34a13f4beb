package org.moot.web.governance;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import org.moot.engine.Site;
import org.moot.engine.access.Role;
import org.moot.engine.access.RoleBook;
import org.moot.web.Chrome;
import org.moot.web.Frame;
import org.moot.web.RequestTip;
import org.moot.web.Templates;

/**
 * {@code /governance}: who holds each role with powers, since which public commit, and every
 * change to the roles, read from {@code .moot/roles.yaml}'s own history, so a mirror shows the same.
 */
public final class GovernanceRoutes {

    /** How far back the roles file's history is read. */
    private static final int VERSIONS = 500;

    /** governance.jte. */
    public record GovernanceModel(Chrome chrome, List<RoleBook.Holding> holdings, int members, List<org.moot.engine.git.CommitInfo> changes) {
        public List<Role> roles() {
            return holdings.stream().map(RoleBook.Holding::role).distinct().toList();
        }
    }

    private final Site site;
    private final Templates templates;
    private final Frame frame;

    public GovernanceRoutes(Site site, Templates templates, Frame frame) {
        this.site = site;
        this.templates = templates;
        this.frame = frame;
    }

    public void register(RoutesConfig routes) {
        routes.get("/governance", this::show);
    }

    private void show(Context ctx) {
        var tip = RequestTip.of(ctx, site);
        RoleBook book = site.access().roles();
        RoleBook.Record record = book.record(tip, VERSIONS);
        templates.render(ctx, "governance.jte", new GovernanceModel(frame.chrome(ctx, "Governance"), record.holdings(),
                book.at(tip).holders(Role.MEMBER).size(), record.changes()));
    }
}
