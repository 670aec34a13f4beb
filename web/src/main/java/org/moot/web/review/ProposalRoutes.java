package org.moot.web.review;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Optional;
import org.moot.engine.Site;
import org.moot.engine.access.User;
import org.moot.engine.edit.Proposals;
import org.moot.schema.PageId;
import org.moot.web.Chrome;
import org.moot.web.Frame;
import org.moot.web.Params;
import org.moot.web.Templates;
import org.moot.web.auth.Auth;
import org.moot.web.edit.EditRoutes;

/**
 * {@code /proposals}: edits awaiting review, each with its changes, discussion and the reviewer's
 * actions; the same page shows a member's unfinished edit (a conflict) to resolve or abandon.
 */
public final class ProposalRoutes {

    /** proposals.jte */
    public record ListModel(Chrome chrome, List<Proposals.Proposal> proposals) {}

    /** proposal.jte; {@code mayReview} shows accept, decline and ask-for-changes. */
    public record ProposalModel(Chrome chrome, Proposals.Proposal proposal, List<Proposals.FileDiff> diff,
                                List<Proposals.Comment> comments, boolean mayReview, boolean mayComment, boolean isAuthor,
                                String pageId, String message, List<org.moot.engine.govern.Proceeding> polls, boolean mayAttachPolls) {}

    private final Site site;
    private final Templates templates;
    private final Frame frame;
    private final EditRoutes editor;

    public ProposalRoutes(Site site, Templates templates, Frame frame, EditRoutes editor) {
        this.site = site;
        this.templates = templates;
        this.frame = frame;
        this.editor = editor;
    }

    public void register(RoutesConfig routes) {
        routes.get("/proposals", ctx -> templates.render(ctx, "proposals.jte",
                new ListModel(frame.chrome(ctx, "Proposals"), site.proposals().open())));
        routes.get("/proposals/{n}", this::show);
        routes.post("/proposals/{n}/accept", this::accept);
        routes.post("/proposals/{n}/decline", ctx -> {
            site.proposals().decline(Auth.user(ctx), number(ctx), Params.form(ctx, "reason"),
                    Optional.of(Params.form(ctx, "covered-by")).filter(c -> !c.isEmpty()).map(PageId::of));
            ctx.redirect("/proposals/" + number(ctx) + "?done=declined", HttpStatus.SEE_OTHER);
        });
        routes.post("/proposals/{n}/abandon", ctx -> {
            site.proposals().abandon(Auth.user(ctx), number(ctx));
            ctx.redirect("/proposals/" + number(ctx) + "?done=abandoned", HttpStatus.SEE_OTHER);
        });
        routes.post("/api/edits/{n}/abandon", ctx -> {
            User user = Auth.user(ctx);
            if (user.isAnonymous()) {
                throw new Auth.Unauthorized("sign requests with HTTP Basic: your user name and an access token");
            }
            site.proposals().abandon(user, number(ctx));
            ctx.json(java.util.Map.of("edit", number(ctx), "state", "abandoned"));
        });
        routes.post("/proposals/{n}/comment", ctx -> {
            site.proposals().comment(Auth.user(ctx), number(ctx), Params.form(ctx, "text"), ctx.formParam("changes") != null);
            ctx.redirect("/proposals/" + number(ctx) + "#discussion", HttpStatus.SEE_OTHER);
        });
    }

    private void show(Context ctx) {
        int n = number(ctx);
        Proposals proposals = site.proposals();
        Proposals.Proposal p = proposals.find(n)
                .orElseThrow(() -> new org.moot.engine.git.NotFoundException("there is no open or declined proposal " + n
                        + "; an accepted one is part of the history (see /changes)"));
        User user = Auth.user(ctx);
        boolean open = p.state() == Proposals.State.OPEN;
        String message = switch (Optional.ofNullable(ctx.queryParam("done")).orElse(Optional.ofNullable(ctx.queryParam("new")).map(x -> "new").orElse(""))) {
            case "new" -> "Your edit is saved as proposal " + n + ". An editor will review it; you will see the outcome on your page.";
            case "declined" -> "Declined. The proposal is kept in the archive with your reason.";
            case "abandoned" -> "Abandoned. The edit is kept in the archive: nothing you wrote is lost.";
            default -> "";
        };
        templates.render(ctx, "proposal.jte", new ProposalModel(frame.withForm(ctx, "Proposal " + n + ": " + p.summary()), p,
                proposals.diff(n), proposals.comments(n), open && proposals.mayReview(user, n),
                site.access().permissions().mayComment(user), user.name().equals(p.user()),
                p.paths().stream().map(path -> PageId.fromPath(path).map(PageId::value).orElse("")).filter(s -> !s.isEmpty())
                        .findFirst().orElse(""), message,
                site.governance().pollsOn(org.moot.web.RequestTip.of(ctx, site), org.moot.engine.govern.Proceeding.onProposal(n)),
                open && site.access().permissions().mayAttachPolls(user)));
    }

    private void accept(Context ctx) {
        int n = number(ctx);
        // Which page it changes, read before accepting: a merged proposal's branch is gone.
        PageId page = site.proposals().find(n).flatMap(p -> p.paths().stream().flatMap(path -> PageId.fromPath(path).stream())
                .findFirst()).orElse(PageId.HOME);
        Optional<String> reviewed = Optional.ofNullable(ctx.formParam("reviewed")).filter(r -> !r.isEmpty());
        editor.respond(ctx, Auth.user(ctx), page, null, site.proposals().accept(Auth.user(ctx), n, reviewed));
    }

    private static int number(Context ctx) {
        return org.moot.web.Params.number(ctx, "there is no proposal");
    }
}
