package org.moot.engine.git;

import java.util.List;
import java.util.Map;
import java.util.Optional;
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
            if (moved(repo.moveMain(tip.map(Snapshot::commit), commit, c.message(), origin.source(), origin.actor()),
                    attempt, c.message())) {
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
            return repo.moveMain(expected, target, reason, origin.source(), origin.actor());
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

    /**
     * Merges {@code branch} (at {@code tip}) into {@code main} with a merge commit whose first
     * parent is {@code main}, so that {@code main}'s first-parent history is the list of published
     * edits. {@code accept} sees {@code main} and the merged tree before {@code main} moves, and may refuse.
     * A lost race is retried: the merge is redone against the new tip.
     */
    public Published merge(ObjectId tip, PersonIdent author, PersonIdent committer, String message, Origin origin,
                           java.util.function.BiPredicate<Snapshot, ObjectId> accept) {
        turn.lock();
        try {
            return mergeInTurn(tip, author, committer, message, origin, accept);
        } finally {
            turn.unlock();
            repo.announceMoves(); // out of turn: the next writer merges while the listeners follow this move
        }
    }

    private Published mergeInTurn(ObjectId tip, PersonIdent author, PersonIdent committer, String message, Origin origin,
                                  java.util.function.BiPredicate<Snapshot, ObjectId> accept) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Snapshot main = repo.main().orElseThrow(() -> new IllegalStateException("main does not exist"));
            Merge merge = Merge.of(repo, main.commit(), tip);
            if (!merge.clean()) {
                return new Published.Conflicted(main, merge.conflicts());
            }
            ObjectId tree = merge.tree().get();
            if (!accept.test(main, tree)) {
                return new Published.Refused(main, tree);
            }
            ObjectId commit = repo.commit(Optional.of(tree), List.of(main.commit(), tip), Map.of(), author, committer, message);
            if (moved(repo.moveMain(Optional.of(main.commit()), commit, message, origin.source(), origin.actor()),
                    attempt, message)) {
                return new Published.Merged(repo.snapshot(commit));
            }
        }
        throw racing();
    }

    /** True when main moved; false after a lost race (backed off, to be redone from the new tip); throws otherwise. */
    private static boolean moved(RefMove move, int attempt, String message) {
        if (move.moved()) {
            return true;
        }
        if (move instanceof RefMove.Stale) {
            Backoff.pause(attempt);
            return false;
        }
        String what = message.lines().findFirst().orElse("");
        throw new WriteFailedException("Could not publish '" + what + "' to main: " + move.describe() + ".");
    }

    private static WriteFailedException racing() {
        return new WriteFailedException("Could not publish: main kept moving under " + ATTEMPTS
                + " tries by other writers; please try again.");
    }
}
