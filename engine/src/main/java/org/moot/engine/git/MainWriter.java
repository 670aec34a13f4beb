package org.moot.engine.git;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * The one place that moves {@code main}, always by compare-and-swap: a commit on top of the tip
 * (settings, roles, comments), or the merge of an edit branch (a published edit). When someone
 * else moved {@code main} first, the work is done again from the new tip, so no concurrent
 * change is ever lost.
 */
public final class MainWriter {

    /** Files to write (null deletes), by whom and why. */
    public record Change(Map<String, byte[]> files, PersonIdent author, String message) {}

    static final int ATTEMPTS = 50;

    private final Repo repo;
    /**
     * Writers in this process take turns: a lost race would only redo the same merge. Other
     * processes (a push, {@code moot user add}) are still kept honest by the compare-and-swap.
     * Each method returns after the gate has handed its move to the listeners (the search index
     * included), so the writer's next request finds it everywhere.
     */
    private final java.util.concurrent.locks.ReentrantLock turn = new java.util.concurrent.locks.ReentrantLock(true);

    public MainWriter(Repo repo) {
        this.repo = repo;
    }

    /**
     * Computes a change from the current tip and publishes it; {@code compute} returning empty
     * means there is nothing to do. Returns the new tip, or empty when nothing changed.
     */
    public Optional<Snapshot> commit(Origin origin, Function<Optional<Snapshot>, Optional<Change>> compute) {
        turn.lock();
        try {
            return commitInTurn(origin, compute);
        } finally {
            turn.unlock();
            repo.announceMoves(); // out of turn: the next writer merges while the listeners follow this move
        }
    }

    private Optional<Snapshot> commitInTurn(Origin origin, Function<Optional<Snapshot>, Optional<Change>> compute) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Snapshot> tip = repo.main();
            Optional<Change> change = compute.apply(tip);
            if (change.isEmpty()) {
                return Optional.empty();
            }
            Change c = change.get();
            ObjectId commit = repo.commit(tip, c.files(), c.author(), new PersonIdent("Moot", "moot@localhost"), c.message());
            if (moved(repo.moveMain(tip.map(Snapshot::commit), commit, c.message(), origin), attempt, c.message())) {
                return Optional.of(repo.snapshot(commit));
            }
        }
        throw racing();
    }

    /**
     * Moves main to a commit that already contains it (a pushed fast-forward, a mirror following
     * its upstream; {@code expected} empty: main does not exist yet), keeping the commits as they are: their authors, messages and dates. Not retried: when main moved since
     * the pusher fetched, they must fetch and push again, as with any Git server.
     */
    public RefMove fastForward(Optional<ObjectId> expected, ObjectId target, String reason, Origin origin) {
        turn.lock();
        try {
            return repo.moveMain(expected, target, reason, origin);
        } finally {
            turn.unlock();
            repo.announceMoves(); // out of turn: the next writer merges while the listeners follow this move
        }
    }

    /** What publishing a branch led to. */
    public sealed interface Published {
        /** {@code main} now holds the branch, through the merge commit {@code tip}. */
        record Merged(Snapshot tip) implements Published {}

        /** The branch conflicts with {@code main} as it stands at {@code against}; nothing moved. */
        record Conflicted(Snapshot against, List<Merge.Conflict> conflicts) implements Published {}

        /** The merged tree was refused by the caller's check; nothing moved. */
        record Refused(Snapshot against, ObjectId mergedTree) implements Published {}
    }

    /** A branch waiting to be merged, and what became of it (set in turn, so read safely by its owner once in turn). */
    private static final class Publishing {
        final ObjectId tip;
        final PersonIdent author;
        final PersonIdent committer;
        final String message;
        final Origin origin;
        final BiPredicate<Snapshot, ObjectId> accept;
        Published outcome;
        RuntimeException failure;

        boolean settled() {
            return outcome != null || failure != null;
        }

        Publishing(ObjectId tip, PersonIdent author, PersonIdent committer, String message, Origin origin,
                   BiPredicate<Snapshot, ObjectId> accept) {
            this.tip = tip;
            this.author = author;
            this.committer = committer;
            this.message = message;
            this.origin = origin;
            this.accept = accept;
        }
    }

    /** Branches waiting for their turn: whoever has the turn merges all of them at once. */
    private final ConcurrentLinkedQueue<Publishing> publishing = new ConcurrentLinkedQueue<>();

    /**
     * Merges {@code branch} (at {@code tip}) into {@code main} with a merge commit whose first
     * parent is {@code main}, so that {@code main}'s first-parent history is the list of published
     * edits. {@code accept} sees {@code main} and the merged tree before {@code main} moves, and may refuse.
     * A lost race is retried: the merge is redone against the new tip.
     *
     * <p>Branches published at once are merged together (group commit): whoever gets the turn
     * merges every branch waiting, one merge commit each in a chain, then moves main once, and the
     * listeners follow them all as one batch. Each keeps its own commit, outcome and announcement.
     */
    public Published merge(ObjectId tip, PersonIdent author, PersonIdent committer, String message, Origin origin,
                           BiPredicate<Snapshot, ObjectId> accept) {
        Publishing mine = new Publishing(tip, author, committer, message, origin, accept);
        publishing.add(mine);
        turn.lock();
        try {
            if (!mine.settled()) {
                List<Publishing> group = new ArrayList<>();
                for (Publishing next = publishing.poll(); next != null; next = publishing.poll()) {
                    group.add(next);
                }
                mergeInTurn(group);
            }
        } finally {
            turn.unlock();
            repo.announceMoves(); // out of turn: the next writer merges while the listeners follow this move
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        if (mine.outcome == null) { // only if the merging thread died in between (out of memory): never a silent nothing
            throw new WriteFailedException("Could not publish: the merge stopped before this edit's turn; please try again.");
        }
        return mine.outcome;
    }

    /**
     * Merges the group onto main in a chain and moves main once. What goes wrong with one branch
     * (its check throws) is that branch's alone: the others go on without it. What stops the
     * move itself reaches every branch still waiting alike, each as an exception of its own
     * (an {@link Error} is thrown on as well).
     */
    private void mergeInTurn(List<Publishing> group) {
        List<Publishing> left = new ArrayList<>(group);
        try {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                Snapshot main = repo.main().orElseThrow(() -> new IllegalStateException("main does not exist"));
                Snapshot at = main;
                Map<Publishing, Published> outcomes = new LinkedHashMap<>();
                List<RefChange> steps = new ArrayList<>();
                String reason = "";
                for (Iterator<Publishing> each = left.iterator(); each.hasNext(); ) {
                    Publishing p = each.next();
                    try {
                        Published outcome = mergeOnto(at, p);
                        outcomes.put(p, outcome);
                        if (outcome instanceof Published.Merged merged) {
                            steps.add(new RefChange(Repo.MAIN, Optional.of(at.commit()), merged.tip().commit(),
                                    p.origin.source(), p.origin.actor()));
                            at = merged.tip();
                            reason = steps.size() == 1 ? p.message : "publish " + steps.size() + " edits";
                        }
                    } catch (RuntimeException | StackOverflowError e) {
                        p.failure = e instanceof RuntimeException r ? r : new IllegalStateException("checking this edit overflowed", e);
                        each.remove();
                    }
                }
                if (steps.isEmpty() || moved(repo.moveMain(Optional.of(main.commit()), steps, reason), attempt, "")) {
                    outcomes.forEach((p, outcome) -> p.outcome = outcome);
                    return;
                }
            }
            throw racing();
        } catch (RuntimeException | Error e) {
            for (Publishing p : left) {
                // A lock or git refusing is a write that could not be made (503); anything else is our failure (500, logged).
                p.failure = e instanceof WriteFailedException ? new WriteFailedException(e.getMessage(), e)
                        : new IllegalStateException("publishing a group of edits failed", e);
            }
            if (e instanceof Error error) {
                throw error;
            }
        }
    }

    /** One branch merged onto {@code at}, as a commit not yet on main; or why it cannot be. */
    private Published mergeOnto(Snapshot at, Publishing p) {
        Merge merge = Merge.of(repo, at.commit(), p.tip);
        if (!merge.clean()) {
            return new Published.Conflicted(at, merge.conflicts());
        }
        ObjectId tree = merge.tree().get();
        if (!p.accept.test(at, tree)) {
            return new Published.Refused(at, tree);
        }
        ObjectId commit = repo.commit(Optional.of(tree), List.of(at.commit(), p.tip), Map.of(), p.author, p.committer, p.message);
        return new Published.Merged(repo.snapshot(commit));
    }

    /**
     * True when main moved; false after a lost race (backed off, to be redone from the new tip);
     * throws otherwise, naming the change ({@code message} empty: a group of several people's edits).
     */
    private static boolean moved(RefMove move, int attempt, String message) {
        if (move.moved()) {
            return true;
        }
        if (move instanceof RefMove.Stale) {
            Backoff.pause(attempt);
            return false;
        }
        String what = message.lines().findFirst().map(line -> " '" + line + "'").orElse("");
        throw new WriteFailedException("Could not publish" + what + " to main: " + move.describe() + ".");
    }

    private static WriteFailedException racing() {
        return new WriteFailedException("Could not publish: main kept moving under " + ATTEMPTS
                + " tries by other writers; please try again.");
    }
}
