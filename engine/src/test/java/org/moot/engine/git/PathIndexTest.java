package org.moot.engine.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moot.engine.TestRepos.commit;
import static org.moot.engine.TestRepos.repo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A page's history from the path index is the history the walk of main finds, across restarts, crashes and rewrites. */
class PathIndexTest {

    @TempDir
    Path tmp;

    private static List<String> revisions(List<CommitInfo> log) {
        return log.stream().map(CommitInfo::revision).toList();
    }

    /** Four edits, a move (with redirect-from) and an edit after it, with unrelated commits between. */
    private static Repo siteWithAMove(Path dir) {
        Repo repo = repo(dir, "index.md", "---\ntitle: Home\n---\n", "a.md", "---\ntitle: A\n---\nOne.\n");
        commit(repo, "b.md", "---\ntitle: B\n---\nB.\n");
        commit(repo, "a.md", "---\ntitle: A\n---\nTwo.\n");
        commit(repo, "b.md", "---\ntitle: B\n---\nB again.\n");
        commit(repo, "a.md", null, "c.md", "---\ntitle: C\nredirect-from: [a]\n---\nTwo.\n");
        commit(repo, "c.md", "---\ntitle: C\nredirect-from: [a]\n---\nThree.\n");
        return repo;
    }

    @Test
    void theIndexedLogIsTheWalkedLogMovesFollowedAndItSurvivesARestartAndATornRecord() throws Exception {
        Path file = tmp.resolve("history/paths.bin");
        try (Repo repo = siteWithAMove(tmp)) {
            History walked = new History(repo, Optional.empty());
            Snapshot tip = repo.main().orElseThrow();
            List<String> expected = revisions(walked.log(tip, "c.md", 100));
            assertThat(expected).hasSize(4);

            PathIndex index = PathIndex.open(repo, file);
            repo.subscribe(index);
            assertThat(index.processed()).contains(tip.commit());
            History indexed = new History(repo, Optional.of(index));
            assertThat(revisions(indexed.log(tip, "c.md", 100))).isEqualTo(expected);
            assertThat(revisions(indexed.log(tip, "c.md", 2))).isEqualTo(expected.subList(0, 2));
            assertThat(revisions(indexed.log(tip, "b.md", 100))).isEqualTo(revisions(walked.log(tip, "b.md", 100)));

            // A commit made while the index follows main is indexed by the gate.
            Snapshot next = commit(repo, "c.md", "---\ntitle: C\nredirect-from: [a]\n---\nFour.\n");
            assertThat(index.processed()).contains(next.commit());
            assertThat(revisions(indexed.log(next, "c.md", 100))).hasSize(5).isEqualTo(revisions(walked.log(next, "c.md", 100)));

            // A restart reads the file back; a record torn by a crash is cut off and written again.
            long whole = Files.size(file);
            Files.write(file, new byte[] {0, 0, 0, 40, 1, 2, 3}, StandardOpenOption.APPEND);
            PathIndex reopened = PathIndex.open(repo, file);
            assertThat(reopened.processed()).contains(next.commit());
            assertThat(revisions(new History(repo, Optional.of(reopened)).log(next, "c.md", 100))).hasSize(5);
            assertThat(Files.size(file)).isEqualTo(whole);
        }
    }

    @Test
    void anIndexOfAnotherHistoryIsBuiltAgain() {
        Path file = tmp.resolve("paths.bin");
        try (Repo first = siteWithAMove(tmp.resolve("one"))) {
            first.subscribe(PathIndex.open(first, file));
        }
        try (Repo other = repo(tmp.resolve("two"), "index.md", "---\ntitle: Home\n---\n", "c.md", "---\ntitle: C\n---\nOther.\n")) {
            PathIndex index = PathIndex.open(other, file);
            other.subscribe(index);
            Snapshot tip = other.main().orElseThrow();
            assertThat(index.processed()).contains(tip.commit());
            assertThat(new History(other, Optional.of(index)).log(tip, "c.md", 100)).hasSize(1);
        }
    }
}
