package org.moot.engine.edit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.moot.engine.access.Permissions;
import org.moot.engine.access.User;
import org.moot.engine.git.EditBranches;
import org.moot.engine.git.FileEntry;
import org.moot.engine.git.MainWriter;
import org.moot.engine.git.Merge;
import org.moot.engine.git.NotFoundException;
import org.moot.engine.git.Backoff;
import org.moot.engine.git.ChangeSource;
import org.moot.engine.git.Closing;
import org.moot.engine.git.Origin;
import org.moot.engine.git.RefMove;
import org.moot.engine.git.WriteFailedException;
import org.moot.engine.git.Repo;
import org.moot.engine.git.Snapshot;
import org.moot.engine.graph.SiteGraphs;
import org.moot.schema.Page;
import org.moot.schema.PageId;
import org.moot.schema.SourceText;
import org.moot.schema.Violation;

/**
 * Saving an edit: validate, commit on the edit's own branch, then publish (merge into
 * {@code main}) or keep it as a proposal. A conflict keeps the branch and returns every side of
 * the text, so nothing a person wrote is ever dropped.
 */
public final class EditService {

    /** A summary is one line of a log, not a letter. */
    public static final int MAX_SUMMARY = 300;

    private final Repo repo;
    private final MainWriter main;
    private final EditBranches branches;
    private final SiteGraphs graphs;
    private final ChangeCheck check;

    public EditService(Repo repo, MainWriter main, EditBranches branches, SiteGraphs graphs, ChangeCheck check) {
        this.repo = repo;
        this.main = main;
        this.branches = branches;
        this.graphs = graphs;
        this.check = check;
    }

    /** Where a save writes: the page's id and file, the file it moves from, and the text (empty: delete). */
    private record Plan(PageId id, String path, Optional<String> movedFrom, Optional<String> text,
                        Optional<FileEntry> current) {}

    public EditOutcome save(User user, EditRequest request) {
        for (PageId target : request.moveTo().map(to -> List.of(request.id(), to)).orElse(List.of(request.id()))) {
            if (PageId.isReserved(target.candidatePaths()[0])) {
                // Discussions and settings have their own ways in, with their own checks.
                return new EditOutcome.Denied("'" + target + "' is reserved for discussions, settings and the private folder, not pages");
            }
        }
        if (request.id().isHome() && request.moveTo().filter(to -> !to.isHome()).isPresent()) {
            return new EditOutcome.Invalid(List.of(new Violation("index.md", 1,
                    "the home page stays at the top of the site; to give its text another id, make a new page with it")));
        }
        Optional<String> badSummary = SourceText.lineProblem("the summary", request.summary(), MAX_SUMMARY);
        if (badSummary.isPresent()) {
            // It becomes the commit message, shown in feeds and logs: trailers or escapes cannot be slipped in.
            return new EditOutcome.Invalid(List.of(new Violation("summary", 1, badSummary.get())));
        }
        Snapshot tip = repo.main().orElseThrow(() -> new NotFoundException("this site has no content yet"));
        Plan plan = plan(tip, request);
        if (plan.movedFrom().isPresent() && graphs.file(tip, plan.id()).isPresent()) {
            return new EditOutcome.Invalid(List.of(new Violation(plan.path(), 1,
                    "there is already a page '" + plan.id() + "'; choose another id to move to")));
        }
        Optional<Page> before = plan.current().map(f -> graphs.parse(f).page());
        boolean movesBack = before.map(Page::redirectFrom).orElse(List.of()).contains(plan.id());
        if (plan.movedFrom().isPresent() && !movesBack && org.moot.engine.talk.Discussions.hasThread(repo, tip, plan.id())) {
            // The moved page brings its own discussion along: two threads under one id would number alike.
            return new EditOutcome.Invalid(List.of(new Violation(plan.path(), 1,
                    "'" + plan.id() + "' once had a discussion of its own; choose another id to move to")));
        }
        // What UTF-8 cannot hold (a lone surrogate) would be lost in the bytes checked below: it is refused as typed.
        List<Violation> unencodable = plan.text().map(t -> SourceText.problems(plan.path(), t)).orElse(List.of());
        if (!unencodable.isEmpty()) {
            return new EditOutcome.Invalid(unencodable);
        }
        // The site as this save would leave it, checked as every change is: its tree alone (the edit's commit comes after).
        ObjectId proposed = repo.tree(tip.tree(), changeOf(plan));
        ChangeCheck.Result checked = check.check(user, tip, Snapshot.uncommitted(proposed));
        if (!checked.valid()) {
            return new EditOutcome.Invalid(checked.problems());
        }
        Permissions.Decision decision = checked.decision();
        if (decision.verdict() == Permissions.Verdict.DENY) {
            return new EditOutcome.Denied(decision.reason());
        }

        String summary = request.summary().isEmpty() ? defaultSummary(plan.path(), before, plan.text()) : request.summary();
        Snapshot base = request.baseRevision().map(repo::resolve).orElse(tip);
        boolean overwrites = request.baseRevision().isEmpty() && plan.current().isPresent() && request.branch().isEmpty()
                && plan.movedFrom().isEmpty();
        Optional<EditBranches.Branch> saved = commitOnBranch(user, request, base, plan, summary, overwrites,
                base.equals(tip) ? Optional.of(proposed) : Optional.empty());
        if (saved.isEmpty()) {
            return new EditOutcome.NoChange(base.revision());
        }
        EditBranches.Branch branch = saved.get();
        if (overwrites) {
            // "Create" named a page that exists: both texts go back to the user, and the branch keeps theirs.
            String existing = new String(repo.read(plan.current().get().blob()), StandardCharsets.UTF_8);
            String yours = plan.text().orElse("");
            return recorded(user, branch, new EditOutcome.Conflicted(branch.number(), tip.revision(), List.of(new Merge.Conflict(
                    plan.path(), "", existing, yours, "<<<<<<< main\n" + existing + "=======\n" + yours + ">>>>>>> yours\n", List.of()))));
        }
        if (decision.verdict() == Permissions.Verdict.PROPOSE) {
            return recorded(user, branch, new EditOutcome.Proposed(branch.number(), decision.reason()));
        }
        return recorded(user, branch, publish(branch, user.ident(), user.ident(), summary, ChangeSource.WEB_EDIT));
    }

    /**
     * Records, as it happens, what the owner's save left on the branch: a conflict is their
     * unfinished work (listed for them, not for review); a proposal is for review again.
     */
    private EditOutcome recorded(User user, EditBranches.Branch branch, EditOutcome outcome) {
        if (branch.user().equals(user.name())) {
            if (outcome instanceof EditOutcome.Conflicted) {
                branches.markUnfinished(branch);
            } else if (outcome instanceof EditOutcome.Proposed) {
                branches.clearUnfinished(branch);
            }
        }
        return outcome;
    }

    /** Where the save goes. A move writes the page under its new id, saying where it came from. */
    private Plan plan(Snapshot tip, EditRequest request) {
        Optional<FileEntry> current = graphs.file(tip, request.id());
        Optional<String> given = request.markdown().map(t -> t.replace("\r\n", "\n"));
        if (given.isEmpty() && current.isEmpty()) {
            throw new NotFoundException("there is no page '" + request.id() + "' to delete");
        }
        PageId id = request.moveTo().orElse(request.id());
        if (id.equals(request.id())) {
            return new Plan(id, current.map(FileEntry::path).orElseGet(() -> newPath(tip, id)), Optional.empty(), given, current);
        }
        if (current.isEmpty() || given.isEmpty()) {
            throw new NotFoundException("there is no page '" + request.id() + "' to move");
        }
        return new Plan(id, newPath(tip, id), Optional.of(current.get().path()),
                given.map(t -> Redirects.moved(t, request.id(), id)), current);
    }

    /** The files a save writes (null deletes): a move deletes one page and creates another. */
    private static Map<String, byte[]> changeOf(Plan plan) {
        Map<String, byte[]> change = new HashMap<>();
        change.put(plan.path(), plan.text().map(t -> t.getBytes(StandardCharsets.UTF_8)).orElse(null));
        plan.movedFrom().ifPresent(old -> change.put(old, null));
        return change;
    }

    /**
     * The edit's own commit: on its open branch, or on a new one; empty when nothing would change.
     * {@code checked} is the tree already written for the check when the edit is based on it.
     */
    private Optional<EditBranches.Branch> commitOnBranch(User user, EditRequest request, Snapshot base, Plan plan,
                                                         String summary, boolean overwrites, Optional<ObjectId> checked) {
        Map<String, byte[]> change = changeOf(plan);
        if (request.branch().isPresent()) {
            return Optional.of(continueBranch(user, request.branch().getAsInt(), base, change, summary));
        }
        if (!overwrites && sameText(base, plan.path(), plan.text())) {
            return Optional.empty();
        }
        ObjectId commit = checked.isPresent()
                ? repo.commit(checked, List.of(base.commit()), Map.of(), user.ident(), user.ident(), summary)
                : repo.commit(Optional.of(base.tree()), List.of(base.commit()), change, user.ident(), user.ident(), summary);
        return Optional.of(branches.create(user.name(), commit));
    }

    /** Merges an open branch into {@code main}; on success the branch is removed. */
    public EditOutcome publish(EditBranches.Branch branch, PersonIdent author, PersonIdent publisher, String summary,
                               ChangeSource source) {
        return publish(branch, author, publisher, summary, source, Optional.empty());
    }

    /** The same; with {@code closing}, the merged branch goes to the archive saying so (a proposal accepted) instead. */
    public EditOutcome publish(EditBranches.Branch branch, PersonIdent author, PersonIdent publisher, String summary,
                               ChangeSource source, Optional<Closing> closing) {
        List<Violation> problems = new ArrayList<>();
        String message = summary + "\n\nEdit: " + branch.shortName() + "\n";
        MainWriter.Published published = main.merge(branch.tip(), author, publisher, message,
                new Origin(source, User.account(publisher)),
                (against, tree) -> {
                    // A clean merge can still combine two valid changes into an invalid site (two files for one page).
                    problems.clear();
                    problems.addAll(check.problems(against, Snapshot.uncommitted(tree)));
                    return problems.isEmpty();
                });
        if (published instanceof MainWriter.Published.Merged merged) {
            // Merged whatever happens next: if the branch moved meanwhile, it is removed like any published edit.
            if (closing.isEmpty() || !retire(branch, publisher, closing.get(), "Accept proposal " + branch.number())) {
                branches.remove(branch);
            }
            return new EditOutcome.Merged(merged.tip().revision(), branch.number());
        }
        if (published instanceof MainWriter.Published.Conflicted conflicted) {
            return new EditOutcome.Conflicted(branch.number(), conflicted.against().revision(), conflicted.conflicts());
        }
        return new EditOutcome.Invalid(problems);
    }

    /**
     * A commit on the branch recording how it ended (as data, in trailers); then the branch moves
     * to the archive. False when the branch moved meanwhile, and nothing was archived.
     */
    public boolean retire(EditBranches.Branch branch, PersonIdent by, Closing closing, String subject) {
        Snapshot tip = repo.snapshot(branch.tip());
        ObjectId note = repo.commit(Optional.of(tip.tree()), List.of(branch.tip()), Map.of(), by, by, closing.message(subject));
        return branches.archive(branch, note).moved();
    }

    /**
     * Another commit on an open branch: more work, or a conflict's resolution. A resolution is
     * based on a newer {@code main} than the branch; its commit then has that {@code main} as a
     * second parent, so the next merge starts from the resolved text.
     */
    private EditBranches.Branch continueBranch(User user, int number, Snapshot base, Map<String, byte[]> change, String summary) {
        for (int attempt = 0; attempt < 20; attempt++) {
            EditBranches.Branch branch = branches.find(number).filter(b -> !b.archived())
                    .orElseThrow(() -> new NotFoundException("there is no open edit " + number));
            if (!branch.user().equals(user.name()) && !mayPublish(user, branch)) {
                throw new org.moot.engine.access.Access.Forbidden("edit " + number + " is " + branch.user() + "'s");
            }
            boolean baseInBranch = repo.isAncestor(base.commit(), branch.tip());
            Snapshot onto = baseInBranch ? repo.snapshot(branch.tip()) : base;
            List<ObjectId> parents = baseInBranch ? List.of(branch.tip()) : List.of(branch.tip(), base.commit());
            ObjectId commit = repo.commit(Optional.of(onto.tree()), parents, change, user.ident(), user.ident(), summary);
            RefMove moved = branches.advance(branch, commit);
            if (moved.moved()) {
                return new EditBranches.Branch(branch.user(), number, branch.ref(), commit, false);
            }
            if (!(moved instanceof RefMove.Stale)) {
                throw new WriteFailedException("Could not save on edit " + number + ": " + moved.describe() + ".");
            }
            Backoff.pause(attempt);
        }
        throw new WriteFailedException("Could not save on edit " + number + ": it kept changing under other saves; please try again.");
    }

    /** A page's text as an open edit has it, and the edit's tip (to continue it from). */
    public Optional<Draft> draft(int number, PageId id) {
        return branches.find(number).filter(b -> !b.archived()).flatMap(b -> {
            Snapshot tip = repo.snapshot(b.tip());
            return graphs.file(tip, id).map(f -> new Draft(new String(repo.read(f.blob()), StandardCharsets.UTF_8), tip.revision()));
        });
    }

    /** An open edit's text of one page. */
    public record Draft(String text, String revision) {}

    /** Whether {@code user} may publish everything an open branch changes, judged from where it meets {@code main}. */
    public boolean mayPublish(User user, EditBranches.Branch branch) {
        Snapshot tip = repo.main().orElseThrow();
        Snapshot from = repo.snapshot(repo.mergeBase(tip.commit(), branch.tip()).orElse(tip.commit()));
        return check.judge(user, from, repo.snapshot(branch.tip())).publishes();
    }

    /** Where a new page's file goes: {@code id/index.md} when the id is already a folder of pages. */
    private String newPath(Snapshot tip, PageId id) {
        if (id.isHome()) {
            return "index.md";
        }
        return repo.files(tip, id.value()).isEmpty() ? id.value() + ".md" : id.value() + "/index.md";
    }

    private boolean sameText(Snapshot base, String path, Optional<String> text) {
        Optional<ObjectId> blob = repo.blobAt(base, path);
        if (text.isEmpty()) {
            return blob.isEmpty();
        }
        return blob.isPresent() && new String(repo.read(blob.get()), StandardCharsets.UTF_8).equals(text.get());
    }

    private static String defaultSummary(String path, Optional<Page> before, Optional<String> text) {
        return (text.isEmpty() ? "Delete " : before.isEmpty() ? "Create " : "Edit ") + path;
    }
}
