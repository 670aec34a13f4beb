package org.moot.engine.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moot.engine.TestRepos;

/** Every move of main reaches every listener once, in order, whoever made it. */
class MainGateTest {

    @TempDir
    Path tmp;

    /** Writes down what it is handed. */
    private static final class Recorder implements MainListener {
        final List<RefChange> heard = new CopyOnWriteArrayList<>();
        private final Optional<ObjectId> processed;

        Recorder(Optional<ObjectId> processed) {
            this.processed = processed;
        }

        @Override
        public Optional<ObjectId> processed() {
            return heard.isEmpty() ? processed : Optional.of(heard.get(heard.size() - 1).to());
        }

        @Override
        public void changed(RefChange change) {
            heard.add(change);
        }
    }

    @Test
    void movesMadeHereAreAnnouncedWithTheirSourceAndActor() {
        try (Repo repo = TestRepos.repo(tmp, "index.md", "a")) {
            Snapshot a = repo.main().orElseThrow();
            Recorder recorder = new Recorder(Optional.of(a.commit()));
            repo.subscribe(recorder);
            assertThat(recorder.heard).isEmpty(); // it had processed the tip already

            MainWriter writer = new MainWriter(repo);
            Snapshot b = writer.commit(new Origin(ChangeSource.SETTINGS, "ann"), t -> Optional.of(
                    new MainWriter.Change(TestRepos.files("x.md", "x"), TestRepos.TESTER, "b"))).orElseThrow();
            Snapshot c = writer.commit(new Origin(ChangeSource.COMMENT, "bob"), t -> Optional.of(
                    new MainWriter.Change(TestRepos.files("y.md", "y"), TestRepos.TESTER, "c"))).orElseThrow();
            assertThat(recorder.heard).containsExactly(
                    new RefChange(Repo.MAIN, Optional.of(a.commit()), b.commit(), ChangeSource.SETTINGS, "ann"),
                    new RefChange(Repo.MAIN, Optional.of(b.commit()), c.commit(), ChangeSource.COMMENT, "bob"));
        }
    }

    @Test
    void aMoveByAnotherProcessIsAnnouncedAsExternalBeforeTheReaderGoesOn() {
        try (Repo repo = TestRepos.repo(tmp, "index.md", "a"); Repo other = Repo.open(repo.directory())) {
            Snapshot a = repo.main().orElseThrow();
            Recorder recorder = new Recorder(Optional.of(a.commit()));
            repo.subscribe(recorder);
            Snapshot b = TestRepos.commit(other, "x.md", "from elsewhere");
            assertThat(recorder.heard).isEmpty();
            assertThat(repo.main().orElseThrow()).isEqualTo(b);
            assertThat(recorder.heard).containsExactly(
                    new RefChange(Repo.MAIN, Optional.of(a.commit()), b.commit(), ChangeSource.EXTERNAL, ""));

            // A writer here that started from the external tip: the gap is announced first, so the chain has no hole.
            Snapshot c = TestRepos.commit(other, "y.md", "again");
            Snapshot d = TestRepos.commit(repo, "z.md", "here");
            assertThat(recorder.heard).extracting(RefChange::to).containsExactly(b.commit(), c.commit(), d.commit());
            assertThat(recorder.heard.get(2).source()).isEqualTo(ChangeSource.PUSH);
        }
    }

    @Test
    void aListenerCatchesUpFromWhatItProcessedAndOneThatFailsBreaksNothing() {
        try (Repo repo = TestRepos.repo(tmp, "index.md", "a")) {
            Snapshot a = repo.main().orElseThrow();
            Snapshot b = TestRepos.commit(repo, "x.md", "x");
            Recorder late = new Recorder(Optional.of(a.commit()));
            repo.subscribe(late);
            assertThat(late.heard).containsExactly(new RefChange(Repo.MAIN, Optional.of(a.commit()), b.commit(), ChangeSource.EXTERNAL, ""));

            repo.subscribe(change -> {
                throw new IllegalStateException("this listener is broken");
            });
            Snapshot c = TestRepos.commit(repo, "y.md", "y");
            assertThat(repo.main().orElseThrow()).isEqualTo(c);
            assertThat(late.heard).extracting(RefChange::to).containsExactly(b.commit(), c.commit());
        }
    }

    @Test
    void writersMoveOnWhileAListenerFollowsAndEachReturnsOnceItsMoveIsHandedOver() throws Exception {
        try (Repo repo = TestRepos.repo(tmp, "index.md", "a")) {
            Snapshot a = repo.main().orElseThrow();
            CountDownLatch following = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            List<List<RefChange>> batches = new CopyOnWriteArrayList<>();
            repo.subscribe(new MainListener() {
                @Override
                public Optional<ObjectId> processed() {
                    return Optional.of(a.commit());
                }

                @Override
                public void changed(RefChange change) {
                    throw new AssertionError("this listener takes its moves together");
                }

                @Override
                public void changed(List<RefChange> changes) {
                    batches.add(changes);
                    following.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            MainWriter writer = new MainWriter(repo);
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                Future<Snapshot> first = pool.submit(() -> write(writer, "first.md"));
                assertThat(following.await(10, TimeUnit.SECONDS)).isTrue();
                Future<Snapshot> second = pool.submit(() -> write(writer, "second.md"));
                Future<Snapshot> third = pool.submit(() -> write(writer, "third.md"));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (repo.blobAt(repo.main().orElseThrow(), "second.md").isEmpty()
                        || repo.blobAt(repo.main().orElseThrow(), "third.md").isEmpty()) {
                    assertThat(System.nanoTime()).as("main moved twice while the listener followed").isLessThan(deadline);
                    Thread.sleep(5);
                }
                assertThat(List.of(first, second, third)).as("none answered before its move is handed over").noneMatch(Future::isDone);

                release.countDown();
                Snapshot last = repo.main().orElseThrow();
                assertThat(List.of(first.get(10, TimeUnit.SECONDS), second.get(10, TimeUnit.SECONDS), third.get(10, TimeUnit.SECONDS)))
                        .contains(last);
                assertThat(batches).hasSize(2);
                assertThat(batches.get(0)).extracting(RefChange::to).containsExactly(first.get().commit());
                List<RefChange> together = batches.get(1);
                assertThat(together).hasSize(2);
                assertThat(together.get(0).from()).contains(first.get().commit());
                assertThat(together.get(1).from()).contains(together.get(0).to());
                assertThat(together.get(1).to()).isEqualTo(last.commit());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void branchesPublishedWhileAnotherMergesAreMergedTogetherEachWithItsOwnCommitOutcomeAndAnnouncement() throws Exception {
        try (Repo repo = TestRepos.repo(tmp, "index.md", "a")) {
            Snapshot a = repo.main().orElseThrow();
            Recorder recorder = new Recorder(Optional.of(a.commit()));
            repo.subscribe(recorder);
            MainWriter writer = new MainWriter(repo);
            CountDownLatch release = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(5);
            try {
                Future<MainWriter.Published> first = holdingTheTurn(pool, writer, repo, a, release);
                Queued queued = new Queued(pool);
                Future<MainWriter.Published> b = queued.submit(() -> publish(writer, repo, a, "b.md", "p2", (at, tree) -> true));
                Future<MainWriter.Published> c = queued.submit(() -> publish(writer, repo, a, "c.md", "p3", (at, tree) -> true));
                Future<MainWriter.Published> clash = queued.submit(() -> publish(writer, repo, a, "first.md", "p4", (at, tree) -> true));
                Future<MainWriter.Published> refused = queued.submit(() -> publish(writer, repo, a, "d.md", "p5", (at, tree) -> false));
                queued.untilAllWait();
                int movesBefore = moves(repo);
                release.countDown();

                Snapshot one = ((MainWriter.Published.Merged) first.get(10, TimeUnit.SECONDS)).tip();
                Snapshot two = ((MainWriter.Published.Merged) b.get(10, TimeUnit.SECONDS)).tip();
                Snapshot three = ((MainWriter.Published.Merged) c.get(10, TimeUnit.SECONDS)).tip();
                assertThat(clash.get(10, TimeUnit.SECONDS)).isInstanceOf(MainWriter.Published.Conflicted.class);
                assertThat(refused.get(10, TimeUnit.SECONDS)).isInstanceOf(MainWriter.Published.Refused.class);
                Snapshot tip = repo.main().orElseThrow();
                assertThat(List.of(two, three)).contains(tip);
                Snapshot second = two.equals(tip) ? three : two;
                assertThat(firstParent(repo, tip.commit())).isEqualTo(second.commit()); // a chain of merges on main
                assertThat(repo.blobAt(tip, "b.md")).isPresent();
                assertThat(repo.blobAt(tip, "c.md")).isPresent();
                assertThat(repo.blobAt(tip, "d.md")).isEmpty();
                assertThat(moves(repo) - movesBefore).as("main moved once for the first, once for the two merged together").isEqualTo(2);
                assertThat(recorder.heard).extracting(RefChange::to).containsExactly(one.commit(), second.commit(), tip.commit());
                assertThat(recorder.heard.get(2).from()).contains(second.commit());
                assertThat(recorder.heard).extracting(RefChange::actor).startsWith("p1").contains("p2", "p3").doesNotContain("p4", "p5");
            } finally {
                release.countDown();
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aBranchWhoseCheckFailsFailsAloneAndTheOthersInItsGroupAreMerged() throws Exception {
        try (Repo repo = TestRepos.repo(tmp, "index.md", "a")) {
            Snapshot a = repo.main().orElseThrow();
            MainWriter writer = new MainWriter(repo);
            CountDownLatch release = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                Future<MainWriter.Published> first = holdingTheTurn(pool, writer, repo, a, release);
                Queued queued = new Queued(pool);
                Future<MainWriter.Published> failing = queued.submit(() -> publish(writer, repo, a, "b.md", "p2", (at, tree) -> {
                    throw new IllegalStateException("p2's own check broke");
                }));
                Future<MainWriter.Published> fine = queued.submit(() -> publish(writer, repo, a, "c.md", "p3", (at, tree) -> true));
                queued.untilAllWait();
                int movesBefore = moves(repo);
                release.countDown();

                assertThat(first.get(10, TimeUnit.SECONDS)).isInstanceOf(MainWriter.Published.Merged.class);
                assertThat(fine.get(10, TimeUnit.SECONDS)).isInstanceOf(MainWriter.Published.Merged.class);
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> failing.get(10, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(IllegalStateException.class).hasMessageContaining("p2's own check broke");
                Snapshot tip = repo.main().orElseThrow();
                assertThat(repo.blobAt(tip, "c.md")).isPresent();
                assertThat(repo.blobAt(tip, "b.md")).isEmpty();
                assertThat(moves(repo) - movesBefore).as("the first, then the group without the failed branch").isEqualTo(2);
            } finally {
                release.countDown();
                pool.shutdownNow();
            }
        }
    }

    /** Publishes first.md with a check that waits for {@code release}: its writer holds the turn meanwhile. */
    private static Future<MainWriter.Published> holdingTheTurn(ExecutorService pool, MainWriter writer, Repo repo, Snapshot base,
                                                               CountDownLatch release) throws InterruptedException {
        CountDownLatch merging = new CountDownLatch(1);
        Future<MainWriter.Published> first = pool.submit(() -> publish(writer, repo, base, "first.md", "p1", (at, tree) -> {
            merging.countDown();
            await(release);
            return true;
        }));
        assertThat(merging.await(10, TimeUnit.SECONDS)).isTrue();
        return first;
    }

    /** Publishers started while the turn is held, and a way to wait until each waits for it. */
    private static final class Queued {
        private final ExecutorService pool;
        private final List<Thread> threads = new CopyOnWriteArrayList<>();
        private int submitted;

        Queued(ExecutorService pool) {
            this.pool = pool;
        }

        Future<MainWriter.Published> submit(java.util.concurrent.Callable<MainWriter.Published> publisher) {
            submitted++;
            return pool.submit(() -> {
                threads.add(Thread.currentThread());
                return publisher.call();
            });
        }

        void untilAllWait() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (threads.size() < submitted || threads.stream().anyMatch(t -> t.getState() != Thread.State.WAITING)) {
                assertThat(System.nanoTime()).as("every publisher waits for the turn").isLessThan(deadline);
                Thread.sleep(5);
            }
        }
    }

    private static MainWriter.Published publish(MainWriter writer, Repo repo, Snapshot base, String path, String actor,
                                                java.util.function.BiPredicate<Snapshot, ObjectId> accept) {
        return writer.merge(branch(repo, base, path, actor), TestRepos.TESTER, TestRepos.TESTER, actor,
                new Origin(ChangeSource.WEB_EDIT, actor), accept);
    }

    /** A branch off {@code base} that writes one file. */
    private static ObjectId branch(Repo repo, Snapshot base, String path, String text) {
        return repo.commit(Optional.of(base.tree()), List.of(base.commit()), TestRepos.files(path, text), TestRepos.TESTER,
                TestRepos.TESTER, "edit " + path);
    }

    private static ObjectId firstParent(Repo repo, ObjectId commit) throws java.io.IOException {
        try (org.eclipse.jgit.revwalk.RevWalk walk = new org.eclipse.jgit.revwalk.RevWalk(repo.repository())) {
            return walk.parseCommit(commit).getParent(0).copy();
        }
    }

    /** How many times main has moved, by its reflog. */
    private static int moves(Repo repo) throws java.io.IOException {
        return repo.repository().getReflogReader(Repo.MAIN).getReverseEntries().size();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Snapshot write(MainWriter writer, String path) {
        return writer.commit(new Origin(ChangeSource.SETTINGS, "ann"), t -> Optional.of(
                new MainWriter.Change(TestRepos.files(path, path), TestRepos.TESTER, path))).orElseThrow();
    }
}
