package org.moot.engine.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moot.engine.TestRepos;

/** The commit-graph is written after main moves, and is not written again at a start when it already holds main. */
class CommitGraphTest {

    @TempDir
    Path tmp;

    @Test
    void isWrittenForMainAndNotAgainWhileItHoldsIt() throws Exception {
        Path file;
        try (Repo repo = TestRepos.repo(tmp, "index.md", "---\ntitle: Home\n---\nWelcome.\n")) {
            file = repo.repository().getDirectory().toPath().resolve("objects/info/commit-graph");
            assertThat(new CommitGraph(repo.repository()).processed()).isEmpty();
            repo.keepTidy();
            for (int i = 0; i < 100 && !Files.exists(file); i++) {
                Thread.sleep(50);
            }
            assertThat(file).exists();
        }
        try (Repo repo = Repo.open(tmp.resolve("content.git"))) {
            Snapshot main = repo.main().orElseThrow();
            assertThat(new CommitGraph(repo.repository()).processed()).contains(main.commit());
            TestRepos.commit(repo, "index.md", "---\ntitle: Home\n---\nWelcome again.\n");
            assertThat(new CommitGraph(repo.repository()).processed()).isEmpty(); // main moved past the file
        }
    }
}
