package org.moot.engine.edit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moot.engine.Site;
import org.moot.engine.SiteFolder;
import org.moot.engine.TestRepos;
import org.moot.engine.access.Role;
import org.moot.engine.access.User;
import org.moot.engine.git.EditBranches;
import org.moot.engine.git.Repo;
import org.moot.schema.PageId;

/** Sixteen people save the same page from the same base at the same moment: no edit is lost. */
class ConcurrentEditsTest {

    @TempDir
    Path tmp;

    @Test
    void everySaveEndsMergedOrInAConflictAndNothingIsLost() throws Exception {
        PageId id = PageId.of("housing/rents");
        String base = "---\ntitle: Rents\n---\n" + IntStream.range(0, 40).mapToObj(i -> "line " + i + "\n").collect(Collectors.joining());
        try (Site site = Site.open(SiteFolder.create(tmp.resolve("site"), true, TestRepos.ADMIN_PASSWORD), Site.Config.DEFAULT);
             Repo repo = Repo.open(tmp.resolve("site/content.git"))) {
            User first = editor(99);
            site.edits().save(first, EditRequest.of(id, base, Optional.empty(), "create"));
            String baseRevision = repo.main().orElseThrow().revision();

            int threads = 16;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<EditOutcome>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int n = t;
                // Threads 0-7 change lines far apart (4 apart, so no two changes touch); 8-15 all change line 39.
                String mine = n < 8 ? base.replace("line " + (4 * n + 1) + "\n", "line " + (4 * n + 1) + " by " + n + "\n")
                        : base.replace("line 39\n", "line 39 by " + n + "\n");
                results.add(pool.submit(() -> {
                    start.await();
                    return site.edits().save(editor(n), EditRequest.of(id, mine, Optional.of(baseRevision), "edit " + n));
                }));
            }
            start.countDown();
            List<EditOutcome> outcomes = new ArrayList<>();
            for (Future<EditOutcome> f : results) {
                outcomes.add(f.get());
            }
            pool.shutdown();

            assertThat(outcomes).allMatch(o -> o instanceof EditOutcome.Merged || o instanceof EditOutcome.Conflicted);
            assertThat(outcomes.subList(0, 8)).allMatch(o -> o instanceof EditOutcome.Merged);
            long sameLineMerged = outcomes.subList(8, 16).stream().filter(o -> o instanceof EditOutcome.Merged).count();
            assertThat(sameLineMerged).isEqualTo(1);

            String last = new String(site.pages().raw(id, Optional.empty()).orElseThrow(), StandardCharsets.UTF_8);
            for (int n = 0; n < 8; n++) {
                assertThat(last).contains("line " + (4 * n + 1) + " by " + n + "\n");
            }
            var tip = repo.main().orElseThrow().commit();
            for (EditOutcome o : outcomes) {
                if (o instanceof EditOutcome.Merged m) {
                    assertThat(repo.isAncestor(repo.resolve(m.revision()).commit(), tip)).isTrue();
                } else {
                    // A conflicted edit is kept whole on its branch, with the person's own text.
                    var conflicted = (EditOutcome.Conflicted) o;
                    var branch = new EditBranches(repo).find(conflicted.number()).orElseThrow();
                    String kept = new String(repo.read(repo.blobAt(repo.snapshot(branch.tip()), "housing/rents.md").orElseThrow()),
                            StandardCharsets.UTF_8);
                    assertThat(kept).contains("line 39 by " + branch.user().substring(1));
                }
            }
            Process fsck = new ProcessBuilder("git", "fsck", "--strict").directory(tmp.resolve("site/content.git").toFile())
                    .redirectErrorStream(true).start();
            String report = new String(fsck.getInputStream().readAllBytes());
            assertThat(fsck.waitFor()).as(report).isZero();
            assertThat(report).doesNotContain("error").doesNotContain("missing");
        }
    }

    private static User editor(int n) {
        return new User("u" + n, "User " + n, EnumSet.of(Role.READER, Role.MEMBER, Role.EDITOR));
    }
}
