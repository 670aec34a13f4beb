package org.moot.engine.push;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.transport.PreReceiveHook;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.moot.engine.access.Access;
import org.moot.engine.access.Permissions;
import org.moot.engine.access.User;
import org.moot.engine.edit.ChangeCheck;
import org.moot.engine.git.ChangeSource;
import org.moot.engine.git.EditBranches;
import org.moot.engine.git.MainWriter;
import org.moot.engine.git.Origin;
import org.moot.engine.git.RefMove;
import org.moot.engine.git.Repo;
import org.moot.engine.git.Snapshot;
import org.moot.schema.Violation;

/**
 * Decides, before any ref moves, what a {@code git push} may do, and then does it through the same
 * writers as the web: {@code main} only by a fast-forward the {@link ChangeCheck} lets the pusher
 * publish; {@code refs/for/main[/<topic>]} as a proposal for review (a second push to the same
 * topic adds to it); {@code refs/heads/edit/<own name>/…} as a draft. A push is all or nothing:
 * one refused ref refuses them all. Every problem and every proposal made is told to the git
 * client as {@code remote:} lines. JGit moves no ref itself: each command is given its result here.
 */
public final class PushHook implements PreReceiveHook {

    static final String FOR_MAIN = "refs/for/main";
    /** More commits than one push of a policy wiki brings; a larger history is imported, not pushed. */
    static final int MAX_COMMITS = 1_000;

    private final Repo repo;
    private final MainWriter main;
    private final EditBranches branches;
    private final ChangeCheck check;
    private final User user;
    private final String siteUrl;
    /** What the moves made (a proposal's number and address), told to the client once they are done. */
    private final List<String> done = new ArrayList<>();

    public PushHook(Repo repo, MainWriter main, EditBranches branches, ChangeCheck check, User user, String siteUrl) {
        this.repo = repo;
        this.main = main;
        this.branches = branches;
        this.check = check;
        this.user = user;
        this.siteUrl = siteUrl;
    }

    /** What one ref of the push will do, or why it may not; {@code notes} are told to the client either way. */
    private record Plan(ReceiveCommand command, Optional<String> refusal, List<String> notes, Runnable action) {
        static Plan refused(ReceiveCommand command, String why, List<String> notes) {
            return new Plan(command, Optional.of(why), notes, () -> { });
        }
    }

    @Override
    public void onPreReceive(ReceivePack pack, Collection<ReceiveCommand> commands) {
        List<ReceiveCommand> asked = commands.stream().filter(c -> c.getResult() == ReceiveCommand.Result.NOT_ATTEMPTED).toList();
        boolean gitRefusedOne = asked.size() < commands.size(); // a force push or a delete, refused by JGit already
        List<Plan> plans = new ArrayList<>();
        for (ReceiveCommand command : asked) {
            plans.add(plan(command, asked.size() == 1));
        }
        plans.forEach(p -> p.notes().forEach(pack::sendMessage));
        if (gitRefusedOne || plans.stream().anyMatch(p -> p.refusal().isPresent())) {
            for (Plan p : plans) {
                p.command().setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON,
                        p.refusal().orElse("not applied: another ref in this push was refused, and a push is all or nothing"));
            }
            return;
        }
        plans.forEach(p -> p.action().run());
        done.forEach(pack::sendMessage);
    }

    private Plan plan(ReceiveCommand command, boolean alone) {
        String ref = command.getRefName();
        if (command.getType() == ReceiveCommand.Type.DELETE) {
            return Plan.refused(command, "refs are not deleted by push; abandon an edit on the site", List.of());
        }
        if (!repo.isCommit(command.getNewId())) {
            return Plan.refused(command, "only commits are taken; push a branch, not a tag", List.of());
        }
        if (ref.equals(Repo.MAIN)) {
            return toMain(command, alone);
        }
        if (ref.equals(FOR_MAIN) || ref.startsWith(FOR_MAIN + "/")) {
            return forReview(command, ref.equals(FOR_MAIN) ? Optional.empty() : Optional.of(ref.substring(FOR_MAIN.length() + 1)));
        }
        if (ref.startsWith(EditBranches.OPEN + user.name() + "/")) {
            return draft(command);
        }
        return Plan.refused(command, "Moot takes pushes to main, to refs/for/main (a proposal for review) and to your own "
                + EditBranches.OPEN + user.name() + "/… (drafts) only", List.of());
    }

    /**
     * A fast-forward of main: published when the pusher may publish all of it; else, when it is all
     * the push brings, made a proposal (a push is all or nothing, so with other refs it is refused).
     */
    private Plan toMain(ReceiveCommand command, boolean alone) {
        Optional<Snapshot> tip = repo.main();
        if (tip.isEmpty() || !tip.get().commit().equals(command.getOldId())) {
            return Plan.refused(command, "main has moved since you fetched; fetch, merge or rebase, and push again", List.of());
        }
        List<ObjectId> elsewhere = repo.refs("refs/").entrySet().stream()
                .filter(r -> !r.getKey().startsWith(EditBranches.OPEN + user.name() + "/")).map(Map.Entry::getValue).toList();
        List<Repo.NewCommit> pushed = repo.newCommits(command.getNewId(), List.of(tip.get().commit()), MAX_COMMITS);
        if (repo.newCommits(command.getNewId(), elsewhere, MAX_COMMITS).size() < pushed.size()) {
            return Plan.refused(command, "it brings in commits of other people's edits or proposals, which their reviewers publish",
                    List.of("Refused: your main contains commits from other edits or proposals; rebase your own work onto main."));
        }
        Steps steps = steps(command, pushed);
        if (steps.refusal().isPresent()) {
            return steps.refusal().get();
        }
        ChangeCheck.Result result = check.check(user, tip.get(), repo.snapshot(command.getNewId()));
        if (!result.valid()) {
            return refusedFor(command, result.problems());
        }
        Permissions.Decision decision = result.decision().and(steps.decision());
        return switch (decision.verdict()) {
            case DENY -> Plan.refused(command, decision.reason(), List.of("Refused: " + decision.reason() + "."));
            case PROPOSE -> {
                if (!alone || repo.snapshot(command.getNewId()).tree().equals(tip.get().tree())) {
                    yield Plan.refused(command, "needs review: " + decision.reason() + "; push it to refs/for/main",
                            List.of("Refused: this change needs review; push it alone to refs/for/main."));
                }
                // Made a proposal now (or found, when this was pushed before), so the work is not lost; main stays where it was.
                EditBranches.Branch proposal = branches.open().stream()
                        .filter(b -> b.user().equals(user.name()) && b.tip().equals(command.getNewId())).findFirst()
                        .orElseGet(() -> branches.create(user.name(), command.getNewId()));
                yield Plan.refused(command, "needs review: it is proposal " + proposal.number(), List.of(
                        "Your change needs review (" + decision.reason() + "); it is now proposal " + proposal.number() + ":",
                        "  " + proposalUrl(proposal.number()),
                        "Next time, push to refs/for/main:  git push origin HEAD:refs/for/main"));
            }
            case PUBLISH -> new Plan(command, Optional.empty(), List.of(), () -> {
                RefMove moved = main.fastForward(Optional.of(command.getOldId()), command.getNewId(), "push by " + user.name(),
                        new Origin(ChangeSource.PUSH, user.name()));
                result(command, moved, "main");
            });
        };
    }

    /** A proposal: a new one, or (a topic pushed before) more commits on the one it made. */
    private Plan forReview(ReceiveCommand command, Optional<String> topic) {
        if (topic.isPresent() && !EditBranches.TOPIC_NAME.matcher(topic.get()).matches()) {
            return Plan.refused(command, "a topic is lower-case letters, digits, '.', '_' and '-', as in refs/for/main/rural-buses",
                    List.of());
        }
        Optional<EditBranches.Branch> existing = topic.flatMap(t -> branches.topic(user.name(), t));
        if (existing.isPresent() && !repo.isAncestor(existing.get().tip(), command.getNewId())) {
            return Plan.refused(command, "proposal " + existing.get().number() + " has commits your push does not: fetch "
                    + existing.get().ref() + " and build on it", List.of());
        }
        Optional<Plan> refused = checked(command);
        if (refused.isPresent()) {
            return refused.get();
        }
        return new Plan(command, Optional.empty(), List.of(), () -> {
            EditBranches.Branch proposal;
            if (existing.isPresent()) {
                if (!result(command, branches.advance(existing.get(), command.getNewId()), existing.get().ref())) {
                    return;
                }
                proposal = existing.get();
            } else {
                proposal = branches.create(user.name(), command.getNewId());
                topic.ifPresent(t -> branches.recordTopic(user.name(), t, proposal));
                command.setResult(ReceiveCommand.Result.OK);
            }
            branches.clearUnfinished(proposal);
            done.add((existing.isPresent() ? "Updated proposal " : "Made proposal ") + proposal.number() + " for review: "
                    + proposalUrl(proposal.number()));
        });
    }

    /** The pusher's own open edit, continued; or, under a new name, a new draft (numbered like every edit). */
    private Plan draft(ReceiveCommand command) {
        Optional<EditBranches.Branch> open = EditBranches.branch(command.getRefName(), command.getNewId())
                .flatMap(b -> branches.find(b.number())).filter(b -> !b.archived());
        if (command.getType() == ReceiveCommand.Type.UPDATE && open.isEmpty()) {
            return Plan.refused(command, "that edit is closed", List.of());
        }
        if (open.isPresent() && !open.get().user().equals(user.name())) {
            return Plan.refused(command, "edit " + open.get().number() + " is " + open.get().user() + "'s", List.of());
        }
        Optional<Plan> refused = checked(command);
        if (refused.isPresent()) {
            return refused.get();
        }
        return new Plan(command, Optional.empty(), List.of(), () -> {
            if (open.isPresent()) {
                result(command, branches.advance(open.get(), command.getNewId()), open.get().ref());
                return;
            }
            EditBranches.Branch draft = branches.create(user.name(), command.getNewId());
            branches.markUnfinished(draft);
            command.setResult(ReceiveCommand.Result.OK);
            done.add("Saved as your draft edit " + draft.number() + ": push to " + draft.ref() + " to add to it; "
                    + proposalUrl(draft.number()));
        });
    }

    /** The check of a branch's work, each new commit and the whole from where it meets main; empty when it may go ahead. */
    private Optional<Plan> checked(ReceiveCommand command) {
        Snapshot tip = repo.main().orElseThrow();
        Snapshot base = repo.snapshot(repo.mergeBase(tip.commit(), command.getNewId()).orElse(tip.commit()));
        Snapshot next = repo.snapshot(command.getNewId());
        if (next.tree().equals(base.tree())) {
            return Optional.of(Plan.refused(command, "nothing to propose: it changes no file of main", List.of()));
        }
        Steps steps = steps(command, repo.newCommits(command.getNewId(), repo.refs("refs/").values(), MAX_COMMITS));
        if (steps.refusal().isPresent()) {
            return steps.refusal();
        }
        ChangeCheck.Result result = check.check(user, base, next);
        if (!result.valid()) {
            return Optional.of(refusedFor(command, result.problems()));
        }
        Permissions.Decision decision = result.decision().and(steps.decision());
        if (decision.verdict() == Permissions.Verdict.DENY) {
            return Optional.of(Plan.refused(command, decision.reason(), List.of("Refused: " + decision.reason() + ".")));
        }
        return Optional.empty();
    }

    /** What the commits a push brings, each checked on its own, amount to: a refusal, or the strictest verdict over them. */
    private record Steps(Optional<Plan> refusal, Permissions.Decision decision) {}

    /**
     * Checks every commit the push brings on its own: that it is the pusher's and no other
     * member's, and that its own change may be made by the pusher — so nothing passes by being
     * undone in a later commit, and nobody writes in another's name.
     */
    private Steps steps(ReceiveCommand command, List<Repo.NewCommit> pushed) {
        if (pushed.size() > MAX_COMMITS) {
            return new Steps(Optional.of(Plan.refused(command, "more than " + MAX_COMMITS + " commits at once; push them in parts",
                    List.of())), Permissions.Decision.publish());
        }
        List<Violation> problems = new ArrayList<>();
        Permissions.Decision decision = Permissions.Decision.publish();
        for (Repo.NewCommit commit : pushed) {
            String which = "commit " + commit.id().abbreviate(10).name();
            for (PersonIdent who : List.of(commit.author(), commit.committer())) {
                String account = User.account(who);
                if (!account.isEmpty() && !account.equals(user.name())
                        || who.getEmailAddress().equalsIgnoreCase(Access.site().getEmailAddress())) {
                    problems.add(new Violation(which, 1, "it says it is by <" + who.getEmailAddress() + ">, which is not you:"
                            + " commits you push must carry your own address (" + user.ident().getEmailAddress() + " or one outside Moot)"));
                }
            }
            if (commit.firstParent().isEmpty()) {
                problems.add(new Violation(which, 1, "it starts a history of its own; build on the site's main instead"));
                continue;
            }
            ChangeCheck.Result step = check.checkStep(user, repo.snapshot(commit.firstParent().get()), repo.snapshot(commit.id()));
            step.problems().forEach(v -> problems.add(new Violation(v.path(), v.line(), v.message() + " (in " + which + ")")));
            decision = decision.and(step.decision());
        }
        return problems.isEmpty() ? new Steps(Optional.empty(), decision)
                : new Steps(Optional.of(refusedFor(command, problems)), decision);
    }

    private static Plan refusedFor(ReceiveCommand command, List<Violation> problems) {
        List<String> notes = new ArrayList<>();
        notes.add("Refused: " + problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in "
                + command.getRefName() + " (nothing was changed):");
        problems.forEach(v -> notes.add(v.path() + ":" + v.line() + ": " + v.message()));
        return Plan.refused(command, problems.size() == 1 ? "1 problem; see above" : problems.size() + " problems; see above", notes);
    }

    /** Sets the command's result from a ref move; true when it moved. */
    private static boolean result(ReceiveCommand command, RefMove moved, String what) {
        if (moved.moved()) {
            command.setResult(ReceiveCommand.Result.OK);
            return true;
        }
        command.setResult(moved instanceof RefMove.Stale ? ReceiveCommand.Result.LOCK_FAILURE : ReceiveCommand.Result.REJECTED_OTHER_REASON,
                what + " was not moved: " + moved.describe() + "; fetch and push again");
        return false;
    }

    private String proposalUrl(int number) {
        return siteUrl + "/proposals/" + number;
    }
}
