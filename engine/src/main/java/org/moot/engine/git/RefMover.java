package org.moot.engine.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.errors.LockFailedException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

/**
 * Moves refs by compare-and-swap, and is the only code that does. JGit answers
 * {@code LOCK_FAILURE} both when another writer won the race and when a lock file is in the way;
 * the two are told apart by reading the ref again. A race is the caller's to retry; a lock is waited
 * for here, with back-off, and cleared when it was left by a dead writer (see {@link RefLocks}).
 */
final class RefMover {

    /** Longer than {@link RefLocks#STALE}, so a lock is either released or known left over before we give up. */
    static final Duration LOCK_WAIT = RefLocks.STALE.plusSeconds(2);

    private final Repository repository;
    private final RefLocks locks;
    private final LiveWriters writers;
    private final MainGate gate;

    RefMover(Repository repository, RefLocks locks, LiveWriters writers) {
        this.repository = repository;
        this.locks = locks;
        this.writers = writers;
        keepMainLoose();
        this.gate = new MainGate(read(Repo.MAIN));
    }

    /**
     * Writes main as a loose ref when it is only in packed-refs (a clone's, or after {@code git
     * gc}), with the value it has. JGit reads such a ref by failing to open its loose file first,
     * twice, each time through an exception; every view of a page reads main, and those failures
     * took a third of the time of a kept page's view. Git's own lock on the ref keeps any writer out.
     */
    private void keepMainLoose() {
        java.io.File loose = new java.io.File(repository.getDirectory(), Repo.MAIN);
        if (loose.exists() || !repository.getDirectory().canWrite()
                || !(repository instanceof org.eclipse.jgit.internal.storage.file.FileRepository)) {
            return; // loose already; or a folder we may only read, where main is read from packed-refs as before
        }
        org.eclipse.jgit.internal.storage.file.LockFile lock = new org.eclipse.jgit.internal.storage.file.LockFile(loose);
        lock.setFSync(true); // a new file: a crash must not leave it empty
        try {
            if (!lock.lock()) {
                return; // someone is moving main, and a moved ref is loose
            }
            try {
                Ref packed = repository.exactRef(Repo.MAIN);
                if (packed != null && packed.getObjectId() != null && !loose.exists()) {
                    lock.write(packed.getObjectId());
                    lock.commit();
                }
            } finally {
                lock.unlock();
            }
        } catch (IOException e) {
            // Only slower: main is read from packed-refs as before (a read-only folder, say).
        }
    }

    MainGate gate() {
        return gate;
    }

    /**
     * Moves main forward from {@code expected} to the last of {@code steps} (commits in a chain,
     * each on the one before), and queues their announcements at the gate before returning.
     */
    RefMove moveMain(Optional<ObjectId> expected, List<RefChange> steps, String reason) {
        ObjectId target = steps.get(steps.size() - 1).to();
        return gate.moving(expected, steps, () -> move(Repo.MAIN, expected, Optional.of(target), reason, true));
    }

    /**
     * Moves {@code ref} from {@code expected} (empty: it must not exist) to {@code target} (empty:
     * delete it). With {@code forwardOnly}, a move that is not a fast-forward is refused. Main is
     * moved only by {@link #moveMain}, so that every move of it is announced.
     */
    RefMove move(String ref, Optional<ObjectId> expected, Optional<ObjectId> target, String reason, boolean forwardOnly) {
        writers.register();
        long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
        for (int attempt = 0; ; attempt++) {
            RefUpdate.Result result = locks.updating(ref, () -> update(ref, expected, target, reason, forwardOnly));
            switch (result) {
                case NEW, FAST_FORWARD, FORCED, NO_CHANGE:
                    return RefMove.MOVED;
                case LOCK_FAILURE:
                    break;
                default:
                    return new RefMove.Refused(result.name());
            }
            Optional<ObjectId> actual = read(ref);
            if (!actual.equals(expected)) {
                return new RefMove.Stale(actual);
            }
            Optional<RefLocks.Lock> lock = locks.on(ref);
            if (System.nanoTime() > deadline) {
                return lock.<RefMove>map(l -> new RefMove.Locked(l.file().toString(), l.age()))
                        .orElse(new RefMove.Refused(result.name()));
            }
            if (lock.isEmpty() || !locks.clearIfLeftOver(lock.get())) {
                Backoff.pause(attempt);
            }
        }
    }

    private RefUpdate.Result update(String ref, Optional<ObjectId> expected, Optional<ObjectId> target, String reason,
                                    boolean forwardOnly) {
        try {
            RefUpdate update = repository.updateRef(ref);
            update.setExpectedOldObjectId(expected.orElse(ObjectId.zeroId()));
            update.setRefLogMessage(reason, false);
            if (ref.startsWith(EditBranches.OPEN)) {
                // Main's log is the record. An edit's branch lives a moment (until merged) and its log
                // goes with it, so keeping one cost three file writes per edit for nothing.
                update.disableRefLog();
            }
            if (target.isEmpty()) {
                update.setForceUpdate(true); // a delete is never a fast-forward; the expected id guards it
                return update.delete();
            }
            update.setNewObjectId(target.get());
            update.setForceUpdate(!forwardOnly);
            return update.update();
        } catch (LockFailedException e) {
            // Deleting a packed ref locks packed-refs.lock, and JGit throws where it would answer for a loose ref.
            return RefUpdate.Result.LOCK_FAILURE;
        } catch (IOException e) {
            throw new UncheckedIOException("could not move " + ref, e);
        }
    }

    Optional<ObjectId> read(String ref) {
        try {
            Ref current = repository.exactRef(ref);
            return current == null ? Optional.empty() : Optional.ofNullable(current.getObjectId());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
