package org.moot.engine.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ref lock files ({@code refs/heads/main.lock}, {@code packed-refs.lock}) and when one may be
 * cleared. Git and JGit hold such a lock for milliseconds; one that stays was left by a process
 * that died mid-write, and would block that ref for ever. A lock is cleared only when it cannot be
 * a live writer's: no update of that ref is under way in this process, and either no other Moot
 * writer is alive and the lock is older than {@link #GRACE} (time enough for a plain {@code git}
 * writing beside us), or it is older than {@link #STALE} (far longer than any writer holds one).
 */
final class RefLocks {

    static final Duration GRACE = Duration.ofSeconds(2);
    static final Duration STALE = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(RefLocks.class);

    /** One lock file, the ref it guards ({@code packed-refs} for the file of all packed refs), and how long it has stood. */
    record Lock(String ref, Path file, Duration age) {}

    private static final String PACKED = "packed-refs";

    private final Path gitDir;
    private final LiveWriters writers;
    /**
     * Updates under way in this process, by ref. Changed, and read before a lock is removed, only
     * while holding this object's monitor: so a lock is never removed between the moment an update
     * here starts and the moment it takes its own lock file, which would then be taken for old.
     */
    private final Map<String, Integer> updating = new HashMap<>();

    RefLocks(Path gitDir, LiveWriters writers) {
        this.gitDir = gitDir;
        this.writers = writers;
    }

    /** Runs an update of {@code ref}; while it runs, no lock on that ref is taken for left over. */
    <T> T updating(String ref, Supplier<T> update) {
        synchronized (this) {
            updating.merge(ref, 1, Integer::sum);
        }
        try {
            return update.get();
        } finally {
            synchronized (this) {
                updating.computeIfPresent(ref, (k, n) -> n == 1 ? null : n - 1);
            }
        }
    }

    /** The lock file standing in the way of an update of {@code ref}, if any. */
    Optional<Lock> on(String ref) {
        return lock(ref).or(() -> lock(PACKED));
    }

    /**
     * Removes the lock if it is left over by a dead writer; true when it is gone (removed, or
     * released meanwhile). Decided on the lock file as it is now, not as the caller last saw it:
     * two writers that met the same left-over lock must not both remove it, the second then
     * removing the first one's fresh lock.
     */
    synchronized boolean clearIfLeftOver(Lock seen) {
        Optional<Lock> now = lock(seen.ref());
        if (now.isEmpty()) {
            return true;
        }
        Lock lock = now.get();
        boolean inFlight = lock.ref().equals(PACKED) ? !updating.isEmpty() : updating.containsKey(lock.ref());
        if (inFlight || !leftOver(lock)) {
            return false;
        }
        try {
            Files.deleteIfExists(lock.file());
            LOG.warn("Removed {}, a ref lock {} s old left by a process that stopped mid-write", relative(lock.file()),
                    lock.age().toSeconds());
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove the left-over lock " + lock.file(), e);
        }
    }

    /** At start-up: removes every ref lock left over by a dead writer, saying so in the log. */
    void clearLeftOvers() {
        writers.othersAlive(); // also forgets the files of writers that died, so they do not pile up
        for (String ref : lockedRefs()) {
            lock(ref).ifPresent(this::clearIfLeftOver);
        }
    }

    private boolean leftOver(Lock lock) {
        return lock.age().compareTo(STALE) > 0 || lock.age().compareTo(GRACE) > 0 && !writers.othersAlive();
    }

    /** The refs that have a lock file now: every {@code *.lock} under {@code refs/}, and the top-level ones. */
    private List<String> lockedRefs() {
        List<String> out = new ArrayList<>(List.of(PACKED, "HEAD"));
        try (Stream<Path> walk = Files.walk(gitDir.resolve("refs"))) {
            walk.filter(p -> p.getFileName().toString().endsWith(".lock") && Files.isRegularFile(p))
                    .map(p -> relative(p).substring(0, relative(p).length() - ".lock".length()))
                    .forEach(out::add);
        } catch (NoSuchFileException e) {
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private Optional<Lock> lock(String ref) {
        Path file = gitDir.resolve(ref + ".lock");
        try {
            long modified = Files.getLastModifiedTime(file).toMillis();
            // A time in the future (a clock set back after a crash) counts by its distance from now, so it cannot block for ever.
            return Optional.of(new Lock(ref, file, Duration.ofMillis(Math.abs(System.currentTimeMillis() - modified))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String relative(Path file) {
        return gitDir.relativize(file).toString().replace('\\', '/');
    }
}
