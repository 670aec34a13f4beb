package org.moot.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moot.schema.Violation;

/** {@code moot check} on what power users have: a clone with edits, and a bare repository. */
class ContentCheckTest {

    @TempDir
    Path tmp;

    static void git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-c", "user.name=T", "-c", "user.email=t@e.org"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + out);
        }
    }

    @Test
    void namesFileAndLineInAWorkingCopyAndItsBareClone() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work"));
        git(work, "init", "-q", "-b", "main");
        Files.writeString(work.resolve("index.md"), "---\ntitle: Home\n---\n");
        Files.createDirectories(work.resolve("health"));
        Files.writeString(work.resolve("health/index.md"), "---\ntitle: Health\nkind: topic\n---\n");
        Files.writeString(work.resolve("health/gp-wait.md"), """
                ---
                title: GP wait
                kind: fact
                value: 12
                as-of: 2025-02-30
                ---
                """);
        Files.writeString(work.resolve("health/for.md"),
                "---\ntitle: For\nkind: argument\nstance: for\non: health/missing\n---\n");
        git(work, "add", "-A");
        git(work, "commit", "-q", "-m", "broken content");

        List<String> expected = List.of(
                "health/for.md:5: 'on' names 'health/missing', which is not a page on this site",
                "health/gp-wait.md:2: a fact must list its 'sources'",
                "health/gp-wait.md:5: 'as-of' must be a date written YYYY-MM-DD, not '2025-02-30'");
        assertThat(ContentCheck.check(work)).map(Violation::toString).containsExactlyElementsOf(expected);

        git(tmp, "clone", "-q", "--bare", work.toString(), "bare.git");
        assertThat(ContentCheck.check(tmp.resolve("bare.git"))).map(Violation::toString).containsExactlyElementsOf(expected);
    }

    @Test
    void theDemoSiteFolderChecksClean() {
        SiteFolder site = SiteFolder.create(tmp.resolve("site"), false, TestRepos.ADMIN_PASSWORD);
        assertThat(ContentCheck.check(site.dir())).isEmpty();
    }
}
