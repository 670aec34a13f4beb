package org.moot.engine.git;

import java.io.File;
import java.io.IOException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jgit.internal.storage.commitgraph.CommitGraphWriter;
import org.eclipse.jgit.internal.storage.commitgraph.GraphCommits;
import org.eclipse.jgit.internal.storage.file.LockFile;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code objects/info/commit-graph} up to date after main moves (a push, a merge, a
 * mirror's fetch): with it, walking history — a push's ancestry checks, merge bases, page
 * histories — reads generation numbers instead of parsing every commit. Written on one background
 * thread, at most once every 30 seconds, and at most a twentieth of that thread's time: a write
 * parses every commit (seconds of CPU on a large site), so under steady editing a large site waits
 * longer between writes. Moves that come meanwhile are covered by the next write; commits newer
 * than the file are read the slow way until then.
 */
final class CommitGraph implements MainListener {

    private static final Logger LOG = LoggerFactory.getLogger(CommitGraph.class);

    private final Repository repository;
    private static final long MIN_GAP_NANOS = java.time.Duration.ofSeconds(30).toNanos();
    /** The gap after a write is at least this many times as long as the write took. */
    private static final int GAP_PER_WRITE = 20;

    private final AtomicBoolean pending = new AtomicBoolean();
    private long nextStart = System.nanoTime();
    private final ExecutorService writer = Background.thread("commit-graph");

    CommitGraph(Repository repository) {
        this.repository = repository;
    }

    @Override
    public Optional<ObjectId> processed() {
        // The file on disk is what it processed: when it already holds main, a restart writes
        // nothing (at 538,000 commits a write takes the CPU for seconds, just as the site starts).
        try {
            Ref main = repository.exactRef(Repo.MAIN);
            Optional<org.eclipse.jgit.internal.storage.commitgraph.CommitGraph> graph =
                    repository.getObjectDatabase() instanceof org.eclipse.jgit.internal.storage.file.ObjectDirectory dir
                            ? dir.getCommitGraph() : Optional.empty();
            return main == null || graph.isEmpty() || graph.get().findGraphPosition(main.getObjectId()) < 0
                    ? Optional.empty() : Optional.of(main.getObjectId());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public void changed(RefChange change) {
        if (pending.compareAndSet(false, true)) {
            writer.execute(this::write);
        }
    }

    private void write() {
        long wait = nextStart - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        pending.set(false);
        long start = System.nanoTime();
        try {
            writeFile();
        } finally {
            nextStart = start + Math.max(MIN_GAP_NANOS, GAP_PER_WRITE * (System.nanoTime() - start));
        }
    }

    private void writeFile() {
        File file = new File(repository.getDirectory(), "objects/info/commit-graph");
        try (RevWalk walk = new RevWalk(repository)) {
            Set<ObjectId> tips = new HashSet<>();
            for (Ref ref : repository.getRefDatabase().getRefsByPrefix("refs/")) {
                if (ref.getObjectId() != null && walk.parseAny(ref.getObjectId()) instanceof org.eclipse.jgit.revwalk.RevCommit) {
                    tips.add(ref.getObjectId());
                }
            }
            GraphCommits commits = GraphCommits.fromWalk(NullProgressMonitor.INSTANCE, tips, walk);
            file.getParentFile().mkdirs();
            LockFile lock = new LockFile(file);
            if (!lock.lock()) {
                return; // another process is writing it
            }
            try {
                try (java.io.OutputStream out = lock.getOutputStream()) {
                    new CommitGraphWriter(commits).write(NullProgressMonitor.INSTANCE, out);
                }
                lock.commit();
            } finally {
                lock.unlock();
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not write the commit-graph; history is still read, only more slowly", e);
        }
    }

    void close() {
        writer.shutdown();
    }
}
