package org.moot.engine.git;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The branches edits live on: {@code refs/heads/edit/<user>/<n>} while open, and
 * {@code refs/archive/edit/<user>/<n>} once declined (kept, never deleted). {@code n} comes from
 * a counter in the repository itself, so a number is never used twice, even after its branch
 * was merged and removed.
 */
public final class EditBranches {

    public static final String OPEN = "refs/heads/edit/";
    public static final String ARCHIVE = "refs/archive/edit/";
    /** Marks an open branch as its owner's unfinished work (a conflict), not a proposal: {@code refs/moot/unfinished/<n>}. */
    public static final String UNFINISHED = "refs/moot/unfinished/";
    static final String COUNTER = "refs/moot/edit-counter";
    /** {@code refs/moot/topic/<user>/<topic>}: the number of the proposal a push to {@code refs/for/main/<topic>} made. */
    static final String TOPIC = "refs/moot/topic/";
    /** A topic is one path segment, as Gerrit's are. */
    public static final Pattern TOPIC_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,79}");
    private static final Pattern NAME = Pattern.compile("refs/(?:heads|archive)/edit/([a-z][a-z0-9-]*)/(\\d{1,9})");

    /** One edit branch. */
    public record Branch(String user, int number, String ref, ObjectId tip, boolean archived) {
        public String shortName() {
            return "edit/" + user + "/" + number;
        }
    }

    private final Repo repo;

    public EditBranches(Repo repo) {
        this.repo = repo;
    }

    public static String ref(String user, int number) {
        return OPEN + user + "/" + number;
    }

    /** Tries before giving up on taking a number or a branch name that other writers keep taking first. */
    static final int ATTEMPTS = 50;

    /** Creates the branch of a new edit at {@code commit}, with the next unused number. */
    public Branch create(String user, ObjectId commit) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int n = next();
            String ref = ref(user, n);
            RefMove moved = repo.moveBranch(ref, Optional.empty(), Optional.of(commit), "edit " + n);
            if (moved.moved()) {
                return new Branch(user, n, ref, commit, false);
            }
            if (!(moved instanceof RefMove.Stale)) {
                throw new WriteFailedException("Could not save the edit on " + ref + ": " + moved.describe() + ".");
            }
            Backoff.pause(attempt); // the name exists already (another process's counter was behind): take the next
        }
        throw new WriteFailedException("Could not save the edit: other writers took every edit number tried; please try again.");
    }

    /** Moves an open branch from {@code expected} to {@code next}. */
    public RefMove advance(Branch branch, ObjectId next) {
        return repo.moveBranch(branch.ref(), Optional.of(branch.tip()), Optional.of(next), "edit " + branch.number());
    }

    /** Removes a merged branch: its commits stay reachable through main. */
    public RefMove remove(Branch branch) {
        RefMove moved = repo.moveBranch(branch.ref(), Optional.of(branch.tip()), Optional.empty(), "merged");
        if (moved == RefMove.MOVED) {
            clearUnfinished(branch);
        }
        return moved;
    }

    /** Moves an open branch to the archive at {@code tip} (a commit on top recording why). */
    public RefMove archive(Branch branch, ObjectId tip) {
        String archived = ARCHIVE + branch.user() + "/" + branch.number();
        RefMove created = repo.moveBranch(archived, repo.ref(archived), Optional.of(tip), "declined");
        if (!created.moved()) {
            return created;
        }
        RefMove removed = repo.moveBranch(branch.ref(), Optional.of(branch.tip()), Optional.empty(), "declined");
        if (removed == RefMove.MOVED) {
            clearUnfinished(branch);
        }
        return removed;
    }

    /**
     * Records that an open branch is its owner's unfinished work (its save ended in a conflict),
     * so that it is listed for them rather than for review. The mark points at the branch's tip.
     */
    public void markUnfinished(Branch branch) {
        repo.moveBranch(UNFINISHED + branch.number(), Optional.empty(), Optional.of(branch.tip()), "unfinished");
    }

    /** The branch is a proposal again (its owner saved it without a conflict), or it is gone. */
    public void clearUnfinished(Branch branch) {
        String mark = UNFINISHED + branch.number();
        repo.ref(mark).ifPresent(at -> repo.moveBranch(mark, Optional.of(at), Optional.empty(), "finished"));
    }

    /** The open edit a user's earlier push to {@code refs/for/main/<topic>} made, if it is still open. */
    public Optional<Branch> topic(String user, String topic) {
        return repo.ref(TOPIC + user + "/" + topic)
                .map(id -> Integer.parseInt(new String(repo.read(id), StandardCharsets.UTF_8).strip()))
                .flatMap(this::find).filter(b -> !b.archived() && b.user().equals(user));
    }

    /** Records that the user's pushes to this topic update edit {@code branch}. */
    public void recordTopic(String user, String topic, Branch branch) {
        String ref = TOPIC + user + "/" + topic;
        ObjectId blob = repo.insertBlob((branch.number() + "\n").getBytes(StandardCharsets.UTF_8));
        RefMove moved = repo.swap(ref, repo.ref(ref), blob, "topic " + topic);
        if (!moved.moved()) {
            throw new WriteFailedException("Could not record topic " + topic + ": " + moved.describe() + ".");
        }
    }

    public List<Branch> open() {
        return list(OPEN);
    }

    public List<Branch> archived() {
        return list(ARCHIVE);
    }

    /** The branch numbered {@code n}, open or archived. */
    public Optional<Branch> find(int n) {
        for (Branch b : open()) {
            if (b.number() == n) {
                return Optional.of(b);
            }
        }
        return archived().stream().filter(b -> b.number() == n).findFirst();
    }

    private List<Branch> list(String prefix) {
        List<Branch> out = new ArrayList<>();
        for (Map.Entry<String, ObjectId> e : repo.refs(prefix).entrySet()) {
            branch(e.getKey(), e.getValue()).ifPresent(out::add);
        }
        out.sort(java.util.Comparator.comparingInt(Branch::number));
        return out;
    }

    /** The edit branch a ref names, open or archived; empty for any other ref. */
    public static Optional<Branch> branch(String ref, ObjectId tip) {
        Matcher m = NAME.matcher(ref);
        return m.matches() ? Optional.of(new Branch(m.group(1), Integer.parseInt(m.group(2)), ref, tip, ref.startsWith(ARCHIVE)))
                : Optional.empty();
    }

    /**
     * The highest number any edit branch has: where a missing counter starts again, so that no
     * number is handed out twice even if the counter ref was lost.
     */
    private int highestNumber() {
        return java.util.stream.Stream.of(OPEN, ARCHIVE).flatMap(prefix -> list(prefix).stream())
                .mapToInt(Branch::number).max().orElse(0);
    }

    /** Takes the next number: the counter is a blob, moved by compare-and-swap like everything else. */
    private int next() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<ObjectId> current = repo.ref(COUNTER);
            int n = current.map(id -> Integer.parseInt(new String(repo.read(id), StandardCharsets.UTF_8).strip()))
                    .orElseGet(this::highestNumber) + 1;
            ObjectId blob = repo.insertBlob((n + "\n").getBytes(StandardCharsets.UTF_8));
            RefMove moved = repo.swap(COUNTER, current, blob, "edit number " + n);
            if (moved.moved()) {
                return n;
            }
            if (!(moved instanceof RefMove.Stale)) {
                throw new WriteFailedException("Could not take an edit number: " + COUNTER + " " + moved.describe() + ".");
            }
            Backoff.pause(attempt);
        }
        throw new WriteFailedException("Could not take an edit number: other writers kept taking it first; please try again.");
    }
}
