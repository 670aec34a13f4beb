package org.moot.web.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.moot.engine.Site;
import org.moot.engine.access.Accounts;
import org.moot.engine.access.User;
import org.moot.engine.git.NotFoundException;
import org.moot.engine.govern.BallotBox;
import org.moot.engine.govern.Proceeding;
import org.moot.web.RequestTip;
import org.moot.web.auth.Auth;

/**
 * The public record of elections, recalls, polls and draws as JSON, and voting for scripts:
 * {@code GET /api/governance}, {@code GET /api/governance/<n>}, and
 * {@code POST /api/governance/<n>/vote} with {@code {"choices": [...], "reason": "..."}}, answered
 * with the ballot's receipt. Signed with HTTP Basic (user name and access token).
 */
public final class GovernanceApi {

    private final Site site;

    public GovernanceApi(Site site) {
        this.site = site;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/governance", ctx -> ctx.json(site.governance().all(RequestTip.of(ctx, site)).stream().map(GovernanceApi::json).toList()));
        routes.get("/api/governance/{n}", ctx -> ctx.json(json(site.governance().get(RequestTip.of(ctx, site), number(ctx))
                .orElseThrow(() -> new NotFoundException("there is no election, recall, poll or draw " + ctx.pathParam("n"))))));
        routes.post("/api/governance/{n}/vote", this::vote);
    }

    private void vote(Context ctx) {
        User user = Auth.user(ctx);
        if (user.isAnonymous()) {
            throw new Auth.Unauthorized("sign requests with HTTP Basic: your user name and an access token");
        }
        Map<?, ?> body = ctx.bodyAsClass(Map.class);
        if (body == null || !(body.get("choices") instanceof List<?> choices) || choices.size() > 100) {
            throw new Accounts.Refused("the body needs \"choices\": a list of the answers or candidates chosen");
        }
        BallotBox.Cast cast = site.governance().vote(user, number(ctx), choices.stream().map(String::valueOf).toList(),
                body.get("reason") == null ? "" : String.valueOf(body.get("reason")));
        ctx.json(Map.of("receipt", cast.receipt(), "choices", cast.choices()));
    }

    /** A proceeding as the record holds it: never a voter beside a choice (the record has no such pairing). */
    private static Map<String, Object> json(Proceeding p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("number", p.number());
        out.put("type", p.type().id());
        out.put("phase", p.phase().id());
        out.put("title", p.title());
        p.role().ifPresent(r -> out.put("role", r.id()));
        out.put("subject", p.subject());
        out.put("choices", p.choices());
        out.put("opened", p.opened().toString());
        out.put("gatherUntil", p.gatherUntil().toString());
        out.put("voteUntil", p.voteUntil().toString());
        out.put("entrants", p.entrants().stream().map(e -> Map.of("name", e.name(), "statement", e.statement())).toList());
        p.outcome().ifPresent(o -> {
            Map<String, Object> outcome = new LinkedHashMap<>();
            outcome.put("closed", o.closed().toString());
            outcome.put("result", o.result());
            outcome.put("chosen", o.chosen());
            outcome.put("counts", o.counts());
            outcome.put("byBranch", o.byBranch());
            outcome.put("voters", o.voters());
            outcome.put("ballots", o.ballots().stream().map(b -> Map.of("receipt", b.receipt(), "choices", b.choices(), "reason", b.reason())).toList());
            outcome.put("seed", o.seed());
            outcome.put("eligible", o.eligible());
            out.put("outcome", outcome);
        });
        return out;
    }

    private static int number(Context ctx) {
        return org.moot.web.Params.number(ctx, "there is no election, recall, poll or draw");
    }
}
