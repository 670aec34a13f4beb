package org.moot.engine.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moot.engine.TestRepos.TESTER;
import static org.moot.engine.TestRepos.files;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moot.engine.TestRepos;

/**
 * A process killed mid-write leaves a ref's lock file behind. Such a lock must never stop the site
 * from writing, while a lock a live writer holds is waited for, not stolen.
 */
class LeftOverLocksTest {

    @TempDir
    Path tmp;

    @Test
    void aLeftOverLockOnMainIsClearedAndThePublishGoesThrough() throws Exception {
        try (Repo repo = TestRepos.repo(tmp, "index.md", "a")) {
            Path lock = plant(repo, "refs/heads/main", Duration.ZERO);
            long start = System.nanoTime();
            Optional<Snapshot> tip = new MainWriter(repo).commit(TestRepos.PUSHED, t -> Optional.of(
                    new MainWriter.Change(files("index.md", "b"), TESTER, "after a crash")));
            assertThat(tip).isPresent();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(RefLocks.GRACE.plusSeconds(3));
            assertThat(lock).doesNotExist();
        }
    }

    @Test
    void aLeftOverCounterLockDoesNotHangTheNextSave() throws Exception {
        try (Repo repo = TestRepos.repo(tmp, "index.md", "a")) {
            EditBranches branches = new EditBranches(repo);
            branches.create("ann", repo.main().orElseThrow().commit());
            Path lock = plant(repo, EditBranches.COUNTER, Duration.ZERO);
            EditBranches.Branch second = branches.create("ann", repo.main().orElseThrow().commit());
            assertThat(second.number()).isEqualTo(2);
            assertThat(lock).doesNotExist();
        }
    }

    @Test
    void aLeftOverPackedRefsLockDoesNotStopAPackedBranchBeingRemoved() throws Exception {
        try (Repo repo = TestRepos.repo(tmp, "index.md", "a")) {
            EditBranches branches = new EditBranches(repo);
            EditBranches.Branch branch = branches.create("ann", repo.main().orElseThrow().commit());
            try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.wrap(repo.repository())) {
                git.packRefs().setAll(true).call();
            }
            Path lock = plant(repo, "packed-refs", Duration.ZERO);
            assertThat(branches.remove(branch).moved()).isTrue();
            assertThat(repo.ref(branch.ref())).isEmpty();
            assertThat(lock).doesNotExist();
        }
    }

    @Test
    void startUpClearsOldLocksOnEveryRef() throws Exception {
        try (Repo repo = TestRepos.repo(tmp, "index.md", "a")) {
            Path main = plant(repo, "refs/heads/main", Duration.ofMinutes(5));
            Path branch = plant(repo, "refs/heads/edit/ann/7", Duration.ofMinutes(5));
            Path packed = plant(repo, "packed-refs", Duration.ofMinutes(5));
            repo.clearLeftOverLocks();
            assertThat(main).doesNotExist();
            assertThat(branch).doesNotExist();
            assertThat(packed).doesNotExist();
        }
    }

    @Test
    void aLockIsLeftAloneWhileAnotherWriterLivesUnlessItIsFarTooOld() throws Exception {
        // Nothing written through this Repo, so the only writers are the two made here.
        try (Repo repo = Repo.create(tmp.resolve("content.git"));
             LiveWriters other = new LiveWriters(repo.directory())) {
            other.register();
            LiveWriters own = new LiveWriters(repo.directory());
            own.register();
            RefLocks locks = new RefLocks(repo.directory(), own);
            Path young = plant(repo, "refs/heads/main", RefLocks.GRACE.plusSeconds(1));
            assertThat(locks.clearIfLeftOver(locks.on("refs/heads/main").orElseThrow())).isFalse();
            assertThat(young).exists();

            Files.setLastModifiedTime(young, FileTime.from(Instant.now().minus(RefLocks.STALE.plusSeconds(1))));
            assertThat(locks.clearIfLeftOver(locks.on("refs/heads/main").orElseThrow())).isTrue();
            assertThat(young).doesNotExist();

            other.close(); // that writer is gone now: a lock past the grace period is left over
            Path again = plant(repo, "refs/heads/main", RefLocks.GRACE.plusSeconds(1));
            assertThat(locks.clearIfLeftOver(locks.on("refs/heads/main").orElseThrow())).isTrue();
            assertThat(again).doesNotExist();
            own.close();
        }
    }

    @Test
    void aLockAnUpdateInThisProcessHoldsIsNeverTakenForLeftOver() throws Exception {
        try (Repo repo = TestRepos.repo(tmp, "index.md", "a")) {
            RefLocks locks = new RefLocks(repo.directory(), new LiveWriters(repo.directory()));
            Path lock = plant(repo, "refs/heads/main", Duration.ofMinutes(5));
            boolean cleared = locks.updating("refs/heads/main",
                    () -> locks.clearIfLeftOver(locks.on("refs/heads/main").orElseThrow()));
            assertThat(cleared).isFalse();
            assertThat(lock).exists();
        }
    }

    @Test
    void twoWritersThatMetTheSameLeftOverLockDoNotBothRemoveIt() throws Exception {
        try (Repo repo = Repo.create(tmp.resolve("content.git"))) {
            RefLocks locks = new RefLocks(repo.directory(), new LiveWriters(repo.directory()));
            Path lock = plant(repo, "refs/heads/main", Duration.ofMinutes(5));
            RefLocks.Lock seenByBoth = locks.on("refs/heads/main").orElseThrow();
            assertThat(locks.clearIfLeftOver(seenByBoth)).isTrue(); // the first writer removes it...
            Files.writeString(lock, "the first writer's own, fresh lock\n"); // ...and takes its own
            assertThat(locks.clearIfLeftOver(seenByBoth)).isFalse(); // the second judges the lock as it is now
            assertThat(lock).exists();
        }
    }

    @Test
    void aLockDatedInTheFutureIsNotFreshForEver() throws Exception {
        try (Repo repo = TestRepos.repo(tmp, "index.md", "a")) {
            Path lock = plant(repo, "refs/heads/main", Duration.ofHours(-1)); // a clock set back after a crash
            repo.clearLeftOverLocks();
            assertThat(lock).doesNotExist();
        }
    }

    @Test
    void aLostCounterStartsAgainAboveEveryNumberInUse() throws Exception {
        try (Repo repo = TestRepos.repo(tmp, "index.md", "a")) {
            EditBranches branches = new EditBranches(repo);
            var tip = repo.main().orElseThrow().commit();
            branches.create("ann", tip);
            branches.create("bob", tip);
            Files.delete(repo.directory().resolve(EditBranches.COUNTER));
            assertThat(branches.create("ann", tip).number()).isEqualTo(3);
        }
    }

    @Test
    void aLockThatStaysNamesItselfAsTheCause() throws Exception {
        // A live writer that keeps its lock fresh: the write gives up, bounded, and says why.
        try (Repo repo = TestRepos.repo(tmp, "index.md", "a");
             LiveWriters other = new LiveWriters(repo.directory())) {
            other.register();
            Path lock = plant(repo, "refs/heads/main", Duration.ZERO);
            Thread toucher = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        Files.setLastModifiedTime(lock, FileTime.from(Instant.now()));
                        Thread.sleep(200);
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            toucher.start();
            try {
                Snapshot a = repo.main().orElseThrow();
                var b = repo.commit(Optional.of(a), files("index.md", "b"), TESTER, TESTER, "b");
                RefMove move = repo.moveMain(Optional.of(a.commit()), b, "b", Origin.site(ChangeSource.PUSH));
                assertThat(move).isInstanceOf(RefMove.Locked.class);
                assertThat(move.describe()).contains("main.lock");
                assertThat(repo.main().orElseThrow()).isEqualTo(a);
            } finally {
                toucher.interrupt();
                toucher.join();
            }
        }
    }

    /** A lock file as a killed process leaves it: the ref's current id, {@code age} old. */
    private static Path plant(Repo repo, String ref, Duration age) throws Exception {
        Path lock = repo.directory().resolve(ref + ".lock");
        Files.createDirectories(lock.getParent());
        String id = repo.ref(ref).map(o -> o.name()).orElse("0".repeat(40));
        Files.writeString(lock, id + "\n", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minus(age)));
        return lock;
    }
}
