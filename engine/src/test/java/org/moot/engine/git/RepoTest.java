package org.moot.engine.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.moot.engine.TestRepos.TESTER;
import static org.moot.engine.TestRepos.files;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moot.engine.TestRepos;

class RepoTest {

    @TempDir
    Path tmp;

    @Test
    void mainMovesOnlyFromWhereTheWriterSawIt() {
        //   A ── B    main expected at A moves to B
        //    \
        //     C      main expected at A again: STALE, main stays at B
        try (Repo repo = TestRepos.repo(tmp, "index.md", "a")) {
            Snapshot a = repo.main().orElseThrow();
            ObjectId b = repo.commit(Optional.of(a), files("index.md", "b"), TESTER, TESTER, "b");
            ObjectId c = repo.commit(Optional.of(a), files("index.md", "c"), TESTER, TESTER, "c");
            assertThat(repo.moveMain(Optional.of(a.commit()), b, "b", Origin.site(ChangeSource.PUSH))).isEqualTo(RefMove.MOVED);
            assertThat(repo.moveMain(Optional.of(a.commit()), c, "c", Origin.site(ChangeSource.PUSH))).isInstanceOf(RefMove.Stale.class);
            assertThat(repo.main().orElseThrow().commit()).isEqualTo(b);
            assertThat(repo.moveMain(Optional.empty(), c, "create", Origin.site(ChangeSource.PUSH))).isInstanceOf(RefMove.Stale.class);
        }
    }

    @Test
    void aCommitIsNeverDatedBeforeItsParents() throws Exception {
        // A merge that waited its turn carries the time its request came in; main meanwhile gained a later commit.
        try (Repo repo = TestRepos.repo(tmp, "index.md", "a")) {
            Snapshot a = repo.main().orElseThrow();
            org.eclipse.jgit.lib.PersonIdent asked = new org.eclipse.jgit.lib.PersonIdent(TESTER, java.time.Instant.now().minusSeconds(60));
            org.eclipse.jgit.lib.PersonIdent later = new org.eclipse.jgit.lib.PersonIdent(TESTER, java.time.Instant.now().plusSeconds(60));
            ObjectId b = repo.commit(Optional.of(a), files("index.md", "b"), TESTER, later, "b");
            ObjectId merge = repo.commit(Optional.of(a.tree()), java.util.List.of(b, a.commit()), java.util.Map.of(), asked, asked, "merge");
            try (org.eclipse.jgit.revwalk.RevWalk walk = new org.eclipse.jgit.revwalk.RevWalk(repo.repository())) {
                org.eclipse.jgit.revwalk.RevCommit made = walk.parseCommit(merge);
                assertThat(made.getCommitTime()).isEqualTo(walk.parseCommit(b).getCommitTime());
                assertThat(made.getAuthorIdent().getWhenAsInstant()).isEqualTo(asked.getWhenAsInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
                assertThat(made.getCommitterIdent().getName()).isEqualTo(TESTER.getName());
                // A parent from a clock years ahead is followed only a little: what comes after it keeps near its own time.
                org.eclipse.jgit.lib.PersonIdent future = new org.eclipse.jgit.lib.PersonIdent(TESTER, java.time.Instant.parse("2037-12-31T00:00:00Z"));
                ObjectId ahead = repo.commit(Optional.of(a.tree()), java.util.List.of(merge), java.util.Map.of(), TESTER, future, "pushed from a clock ahead");
                java.time.Instant now = java.time.Instant.now();
                ObjectId next = repo.commit(Optional.of(a.tree()), java.util.List.of(ahead), java.util.Map.of(), TESTER,
                        new org.eclipse.jgit.lib.PersonIdent(TESTER, now), "after it");
                assertThat(walk.parseCommit(next).getCommitterIdent().getWhenAsInstant())
                        .isEqualTo(now.plus(Repo.CLOCK_TOLERANCE).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            }
        }
    }

    @Test
    void onlyMainWriterMovesMain() {
        try (Repo repo = TestRepos.repo(tmp, "index.md", "a")) {
            Snapshot a = repo.main().orElseThrow();
            ObjectId b = repo.commit(Optional.of(a), files("index.md", "b"), TESTER, TESTER, "b");
            assertThatThrownBy(() -> repo.moveBranch(Repo.MAIN, Optional.of(a.commit()), Optional.of(b), "sneak"))
                    .hasMessageContaining("main moves only through MainWriter");
            assertThat(repo.main().orElseThrow()).isEqualTo(a);
            // A non-fast-forward is refused even with the right expected id.
            ObjectId c = repo.commit(Optional.empty(), files("index.md", "c"), TESTER, TESTER, "unrelated");
            assertThat(repo.moveMain(Optional.of(a.commit()), c, "rewrite", Origin.site(ChangeSource.PUSH))).isInstanceOf(RefMove.Refused.class);
        }
    }

    @Test
    void readsFilesAndRevisionsByIdOnly() {
        try (Repo repo = TestRepos.repo(tmp, "index.md", "home", "a/b.md", "page")) {
            Snapshot main = repo.main().orElseThrow();
            assertThat(repo.files(main)).extracting(FileEntry::path).containsExactly("a/b.md", "index.md");
            assertThat(new String(repo.read(repo.blobAt(main, "a/b.md").orElseThrow()))).isEqualTo("page");
            assertThat(repo.blobAt(main, "a")).isEmpty();
            assertThat(repo.resolve(main.revision().substring(0, 8))).isEqualTo(main);
            assertThatThrownBy(() -> repo.resolve("main~1")).isInstanceOf(NotFoundException.class)
                    .hasMessageContaining("not a revision id");
            assertThatThrownBy(() -> repo.resolve("0000000")).hasMessageContaining("there is no revision");
        }
    }

    @Test
    void aRevisionIsResolvedOnlyWhenMainOrAnEditReachesIt() {
        try (Repo repo = TestRepos.repo(tmp, "index.md", "a")) {
            Snapshot main = repo.main().orElseThrow();
            ObjectId open = repo.commit(Optional.of(main), files("index.md", "open"), TESTER, TESTER, "open edit");
            ObjectId declined = repo.commit(Optional.of(main), files("index.md", "declined"), TESTER, TESTER, "declined edit");
            ObjectId behindDeclined = repo.commit(Optional.of(repo.snapshot(declined)), files("index.md", "on"), TESTER, TESTER, "on");
            ObjectId refused = repo.commit(Optional.of(main), files("index.md", "refused"), TESTER, TESTER, "a refused push");
            ObjectId orphan = repo.commit(Optional.empty(), files("index.md", "orphan"), TESTER, TESTER, "a history of its own");
            repo.moveBranch(EditBranches.OPEN + "ann/1", Optional.empty(), Optional.of(open), "edit 1");
            for (int n = 2; n < 40; n++) { // many edits: still one walk, and each finds what it reaches
                repo.moveBranch(EditBranches.ARCHIVE + "ann/" + n, Optional.empty(), Optional.of(n == 39 ? behindDeclined : open), "declined");
            }
            assertThat(repo.resolve(main.revision())).isEqualTo(main);
            assertThat(repo.resolve(open.name()).commit()).isEqualTo(open);
            assertThat(repo.resolve(declined.name()).commit()).isEqualTo(declined);
            for (ObjectId unseen : List.of(refused, orphan)) {
                assertThatThrownBy(() -> repo.resolve(unseen.name())).isInstanceOf(NotFoundException.class)
                        .hasMessageContaining("there is no revision");
            }
        }
    }

    @Test
    void aMainOnlyInPackedRefsIsWrittenLooseWithItsValueWhenTheRepositoryIsOpened() throws Exception {
        ObjectId tip;
        Path gitDir;
        try (Repo repo = TestRepos.repo(tmp, "index.md", "a")) {
            tip = repo.main().orElseThrow().commit();
            gitDir = repo.directory();
        }
        Process pack = new ProcessBuilder("git", "--git-dir", gitDir.toString(), "pack-refs", "--all", "--prune").inheritIO().start();
        assertThat(pack.waitFor()).isZero();
        assertThat(gitDir.resolve(Repo.MAIN)).doesNotExist();
        try (Repo repo = Repo.open(gitDir)) {
            assertThat(java.nio.file.Files.readString(gitDir.resolve(Repo.MAIN))).isEqualTo(tip.name() + "\n");
            assertThat(repo.main().orElseThrow().commit()).isEqualTo(tip);
        }
        Process revParse = new ProcessBuilder("git", "--git-dir", gitDir.toString(), "rev-parse", "main").start();
        assertThat(new String(revParse.getInputStream().readAllBytes()).strip()).isEqualTo(tip.name());
    }
}
