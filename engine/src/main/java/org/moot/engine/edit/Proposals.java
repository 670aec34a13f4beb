package org.moot.engine.edit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.moot.engine.access.Access;
import org.moot.engine.access.Permissions;
import org.moot.engine.access.User;
import org.moot.engine.git.ChangeSource;
import org.moot.engine.git.Closing;
import org.moot.schema.PageId;
import org.moot.engine.git.CommitInfo;
import org.moot.engine.git.Origin;
import org.moot.engine.git.EditBranches;
import org.moot.engine.git.EditCatalogue;
import org.moot.engine.git.FileEntry;
import org.moot.engine.git.MainWriter;
import org.moot.engine.git.NotFoundException;
import org.moot.engine.git.Repo;
import org.moot.engine.git.Snapshot;
import org.moot.engine.git.TextDiff;

/**
 * Edits waiting for review, and each member's own edits. A proposal is an open edit branch whose
 * author may not publish it; reviewers accept it (a merge, like any publish) or decline it with a
 * reason (the branch moves to the archive, never deleted). An edit whose save ended in a conflict
 * is its owner's unfinished work, not a proposal: it is listed for them alone, to resolve (continue
 * the branch) or abandon (archived, kept). Which one a branch is was recorded when it happened
 * ({@link EditBranches#markUnfinished}); the lists come from an {@link EditCatalogue} kept up to date
 * incrementally, so no request walks every branch. A proposal's discussion is one file per comment
 * under {@code talk/proposals/<n>/}, versioned and mirrored with everything else.
 */
public final class Proposals {

    public enum State { OPEN, UNFINISHED, ACCEPTED, DECLINED, ABANDONED }

    /**
     * One proposal, or one of a user's own edits; {@code declinedBecause} is the reviewer's reason,
     * if declined; {@code closedBy} the account that accepted, declined or abandoned it.
     */
    public record Proposal(int number, String user, String author, String summary, Instant created, State state,
                           List<String> paths, String declinedBecause, String revision, Optional<PageId> coveredBy,
                           String closedBy) {}

    /** The proposal has new commits since the reviewer looked at it: they must look again before accepting. */
    public static final class ChangedSinceReviewed extends RuntimeException {
        public ChangedSinceReviewed(int n) {
            super("Proposal " + n + " has changed since you opened it (its author added to it). Look at it again before you accept it.");
        }
    }

    /** A comment; {@code changesRequested} when a reviewer asks the author for changes. */
    public record Comment(String author, String authorName, Instant time, String text, boolean changesRequested) {}

    /** One file's difference between {@code main} and the proposal. */
    public record FileDiff(String path, List<TextDiff.Row> rows) {}

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    private final Repo repo;
    private final EditBranches branches;
    private final EditCatalogue catalogue;
    private final EditService edits;
    private final MainWriter main;
    private final Permissions permissions;

    public Proposals(Repo repo, EditBranches branches, EditService edits, MainWriter main, Permissions permissions) {
        this.repo = repo;
        this.branches = branches;
        this.catalogue = new EditCatalogue(repo);
        this.edits = edits;
        this.main = main;
        this.permissions = permissions;
    }

    /** Proposals awaiting review, oldest first. */
    public List<Proposal> open() {
        return catalogue.entries().stream().filter(e -> !e.branch().archived() && !e.unfinished()).map(Proposals::proposal).toList();
    }

    /** A user's own edits: proposals, unfinished work, declined and abandoned ones, newest first. */
    public List<Proposal> of(String user) {
        List<Proposal> out = new ArrayList<>(catalogue.entries().stream().filter(e -> e.branch().user().equals(user))
                .map(Proposals::proposal).toList());
        out.sort(Comparator.comparingInt(Proposal::number).reversed());
        return out;
    }

    /** The pages open proposals would add or change: a new page's id is chosen clear of them too. */
    public java.util.Set<PageId> proposedIds() {
        java.util.Set<PageId> out = new java.util.HashSet<>();
        open().forEach(p -> p.paths().forEach(path -> PageId.fromPath(path).ifPresent(out::add)));
        return out;
    }

    public Optional<Proposal> find(int n) {
        return catalogue.find(n).map(Proposals::proposal);
    }

    /** What the proposal would change in {@code main} as it is now. */
    public List<FileDiff> diff(int n) {
        EditBranches.Branch branch = branch(n);
        Snapshot tip = repo.main().orElseThrow();
        Snapshot proposed = repo.snapshot(branch.tip());
        List<FileDiff> out = new ArrayList<>();
        for (String path : repo.changedPaths(baseOf(tip, branch).tree(), proposed.tree())) {
            out.add(new FileDiff(path, TextDiff.rows(text(tip, path), text(proposed, path))));
        }
        return out;
    }

    public boolean mayReview(User user, int n) {
        return !user.isAnonymous() && edits.mayPublish(user, branch(n));
    }

    /**
     * Publishes the proposal as the reviewer saw it ({@code reviewed}: the revision their page
     * showed; empty for a script that accepts whatever is there); a conflict comes back for the
     * reviewer to resolve on the same branch.
     */
    public EditOutcome accept(User reviewer, int n, Optional<String> reviewed) {
        EditBranches.Branch branch = open(n);
        requireReviewer(reviewer, branch);
        if (reviewed.isPresent() && !reviewed.get().equals(branch.tip().name())) {
            throw new ChangedSinceReviewed(n);
        }
        CommitInfo first = catalogue.find(n).orElseThrow().first();
        var author = new org.eclipse.jgit.lib.PersonIdent(first.author(), first.authorId());
        // The branch goes to the archive with who accepted it, so the author's page can say what became of it.
        return edits.publish(branch, author, reviewer.ident(), first.summary() + "\n\nAccepted-by: " + reviewer.displayName(),
                ChangeSource.PROPOSAL, Optional.of(new Closing(Closing.Outcome.ACCEPTED, "", Optional.empty(), reviewer.name(),
                        Optional.of(first.revision()))));
    }

    /** Declines with a reason: recorded in a commit on the branch, which then moves to the archive. */
    public void decline(User reviewer, int n, String reason) {
        decline(reviewer, n, reason, Optional.empty());
    }

    /**
     * Declines, and when {@code coveredBy} names an argument already on the site, says so: the
     * author sees where their point is already made, not only that it was turned down.
     */
    public void decline(User reviewer, int n, String reason, Optional<PageId> coveredBy) {
        coveredBy.ifPresent(id -> {
            if (id.isReserved() || repo.main().filter(tip -> java.util.Arrays.stream(id.candidatePaths()).anyMatch(p -> repo.blobAt(tip, p).isPresent())).isEmpty()) {
                throw new org.moot.engine.access.Accounts.Refused("there is no page " + id.value() + " to say the proposal is covered by");
            }
        });
        if (reason == null || reason.isBlank()) {
            throw new org.moot.engine.access.Accounts.Refused("say why: the author and everyone else will read it");
        }
        if (reason.strip().length() > Closing.MAX_REASON) {
            throw new org.moot.engine.access.Accounts.Refused("a reason may have at most 20,000 characters");
        }
        EditBranches.Branch branch = open(n);
        requireReviewer(reviewer, branch);
        close(branch, reviewer, new Closing(Closing.Outcome.DECLINED, reason, coveredBy.map(PageId::value), reviewer.name()), "Decline proposal " + n);
    }

    /** The owner gives up their own open edit: it moves to the archive, kept and still readable. */
    public void abandon(User user, int n) {
        EditBranches.Branch branch = open(n);
        if (user.isAnonymous() || !user.name().equals(branch.user())) {
            throw new Access.Forbidden("only " + branch.user() + " may abandon their edit " + n);
        }
        close(branch, user, new Closing(Closing.Outcome.ABANDONED, "", user.name()), "Abandon edit " + n);
    }

    private void close(EditBranches.Branch branch, User by, Closing closing, String subject) {
        if (!edits.retire(branch, by.ident(), closing, subject)) {
            throw new IllegalStateException("edit " + branch.number() + " changed while it was being closed; try again");
        }
    }

    public List<Comment> comments(int n) {
        Snapshot tip = repo.main().orElseThrow();
        String folder = "talk/proposals/" + n + "/";
        List<Comment> out = new ArrayList<>();
        for (FileEntry f : repo.files(tip, folder)) {
            out.add(parseComment(new String(repo.read(f.blob()), StandardCharsets.UTF_8)));
        }
        out.sort(Comparator.comparing(Comment::time));
        return out;
    }

    /** Adds a comment (members), or a request for changes (reviewers): one new file, one commit on main. */
    public void comment(User user, int n, String text, boolean changesRequested) {
        if (!permissions.mayComment(user)) {
            throw new Access.Forbidden("only members take part in discussions");
        }
        if (changesRequested && !mayReview(user, n)) {
            throw new Access.Forbidden("only someone who may accept this proposal can ask for changes");
        }
        if (text == null || text.isBlank() || text.length() > 20_000) {
            throw new org.moot.engine.access.Accounts.Refused("a comment needs some text, at most 20,000 characters");
        }
        org.moot.schema.SourceText.problems("comment", text).stream().findFirst().ifPresent(p -> {
            throw new org.moot.engine.access.Accounts.Refused("the comment cannot be saved: line " + p.line() + ": " + p.message());
        });
        branch(n);
        Instant now = Instant.now();
        String path = "talk/proposals/" + n + "/" + STAMP.format(now) + "-" + user.name() + ".md";
        String file = "---\nauthor: " + user.name() + "\nname: " + yamlString(user.displayName()) + "\ndate: " + now
                + (changesRequested ? "\nrequest: changes" : "") + "\n---\n" + text.strip().replace("\r\n", "\n") + "\n";
        main.commit(new Origin(ChangeSource.COMMENT, user.name()), t -> Optional.of(new MainWriter.Change(Map.of(path, file.getBytes(StandardCharsets.UTF_8)), user.ident(),
                (changesRequested ? "Ask for changes to proposal " : "Comment on proposal ") + n)));
    }

    private static Proposal proposal(EditCatalogue.Entry e) {
        State state = e.closing().map(c -> switch (c.outcome()) {
            case ACCEPTED -> State.ACCEPTED;
            case DECLINED -> State.DECLINED;
            case ABANDONED -> State.ABANDONED;
        }).orElse(e.branch().archived() ? State.DECLINED : e.unfinished() ? State.UNFINISHED : State.OPEN);
        String declined = e.closing().filter(c -> c.outcome() == Closing.Outcome.DECLINED).map(Closing::reason).orElse("");
        return new Proposal(e.branch().number(), e.branch().user(), e.first().author(), e.first().summary(), e.first().time(),
                state, e.paths(), declined, e.branch().tip().name(),
                e.closing().flatMap(Closing::coveredBy).map(PageId::of), e.closing().map(Closing::by).orElse(""));
    }

    /** Where a branch meets main: what it changes is measured from here. */
    private Snapshot baseOf(Snapshot tip, EditBranches.Branch branch) {
        return repo.snapshot(repo.mergeBase(tip.commit(), branch.tip()).orElse(tip.commit()));
    }

    private EditBranches.Branch branch(int n) {
        return catalogue.find(n).map(EditCatalogue.Entry::branch).orElseThrow(() -> new NotFoundException("there is no proposal " + n));
    }

    private EditBranches.Branch open(int n) {
        EditBranches.Branch branch = branch(n);
        if (branch.archived()) {
            throw new NotFoundException("edit " + n + " is closed; it is kept in the archive");
        }
        return branch;
    }

    private void requireReviewer(User reviewer, EditBranches.Branch branch) {
        if (!edits.mayPublish(reviewer, branch)) {
            throw new Access.Forbidden("only someone who may publish these changes can accept or decline them");
        }
    }

    private String text(Snapshot at, String path) {
        return repo.blobAt(at, path).map(b -> new String(repo.read(b), StandardCharsets.UTF_8)).orElse("");
    }

    private static Comment parseComment(String file) {
        var split = org.moot.schema.FrontMatterParser.split("comment.md", file);
        var fm = split.frontMatter();
        String author = String.valueOf(fm.get("author"));
        Instant time;
        try {
            time = Instant.parse(String.valueOf(fm.get("date")));
        } catch (RuntimeException e) {
            time = Instant.EPOCH;
        }
        return new Comment(author, fm.get("name") == null ? author : String.valueOf(fm.get("name")), time,
                split.body().strip(), "changes".equals(fm.get("request")));
    }

    private static String yamlString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
