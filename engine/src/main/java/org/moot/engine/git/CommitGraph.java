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
 * thread, at most once every 30 seconds; moves that come meanwhile are covered by the next write.
 */
final class CommitGraph implements MainListener {

    private static final Logger LOG = LoggerFactory.getLogger(CommitGraph.class);

    private final Repository repository;
    private static final long MIN_GAP_NANOS = java.time.Duration.ofSeconds(30).toNanos();

    private final AtomicBoolean pending = new AtomicBoolean();
    private long lastStart = System.nanoTime() - MIN_GAP_NANOS;
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
        // At most one write per gap: on a large site a write parses every commit, and commits
        // newer than the file are simply read the slow way until the next one.
        long wait = lastStart + MIN_GAP_NANOS - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        pending.set(false);
        lastStart = System.nanoTime();
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
