package org.moot.engine.git;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * The one place that moves {@code main}: a commit on top of the tip, published by
 * compare-and-swap. When someone else moved {@code main} first, the change is computed again
 * from the new tip, so no concurrent change is ever lost.
 */
public final class MainWriter {

    /** Files to write (null deletes), by whom and why. */
    public record Change(Map<String, byte[]> files, PersonIdent author, String message) {}

    static final int ATTEMPTS = 50;
    private static final PersonIdent SITE = new PersonIdent("Moot", "moot@localhost");

    private final Repo repo;

    public MainWriter(Repo repo) {
        this.repo = repo;
    }

    /**
     * Computes a change from the current tip and publishes it; {@code compute} returning empty
     * means there is nothing to do. Returns the new tip, or empty when nothing changed.
     */
    public Optional<Snapshot> commit(Function<Optional<Snapshot>, Optional<Change>> compute) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Snapshot> tip = repo.main();
            Optional<Change> change = compute.apply(tip);
            if (change.isEmpty()) {
                return Optional.empty();
            }
            Change c = change.get();
            ObjectId commit = repo.commit(tip, c.files(), c.author(), new PersonIdent(SITE), c.message());
            switch (repo.move(Repo.MAIN, tip.map(Snapshot::commit), commit, c.message())) {
                case MOVED:
                    return Optional.of(repo.resolve(commit.name()));
                case STALE:
                    continue;
                default:
                    throw new IllegalStateException("main refused the commit '" + c.message() + "'");
            }
        }
        throw new IllegalStateException("main kept moving while writing; please try again");
    }
}
