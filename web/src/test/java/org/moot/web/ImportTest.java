package org.moot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moot.engine.SiteFolder;

/** {@code moot import} of a repository made here with the real git: authors, a rename, a merge, odd names, a collision. */
class ImportTest {

    @TempDir
    Path tmp;

    String git(Path dir, String author, String... args) {
        GitCli.Run run = GitCli.run(tmp, dir, author, author.toLowerCase().replace(' ', '.') + "@example.org", args);
        assertThat(run.exit()).as(String.join(" ", args) + ": " + run.output()).isZero();
        return run.output();
    }

    void write(Path repo, String path, String text) throws IOException {
        Files.createDirectories(repo.resolve(path).getParent());
        Files.writeString(repo.resolve(path), text);
    }

    @Test
    void aMarkdownRepositoryBecomesASiteWithItsHistory() throws Exception {
        Path source = tmp.resolve("Party Wiki");
        Files.createDirectories(source);
        git(source, "Ann Author", "init", "-q");
        write(source, "Home.md", "# Welcome\n\nSee [[Energy Policy]].\n");
        write(source, "Energy Policy.md", "# Energy policy\n\nWind turbines on every hill.\n");
        write(source, "images/logo.png", "\u0089PNG not really");
        write(source, ".moot/roles.yaml", "admin: [admin]\nmallory: [admin]\n");
        git(source, "Ann Author", "add", "-A");
        git(source, "Ann Author", "commit", "-q", "-m", "Start the wiki");

        git(source, "Bob Writer", "checkout", "-q", "-b", "notes");
        write(source, "Notes/v1.2+plans.md", "---\ntitle: Plans\n---\nTidal lagoons.\n");
        git(source, "Bob Writer", "add", "-A");
        git(source, "Bob Writer", "commit", "-q", "-m", "Plans on a branch");
        git(source, "Ann Author", "checkout", "-q", "main");
        write(source, "foo.md", "# foo in lower case\n");
        write(source, "Foo.md", "# Foo in capitals\n");
        git(source, "Ann Author", "add", "-A");
        git(source, "Ann Author", "commit", "-q", "-m", "Two names that differ only in case");
        git(source, "Ann Author", "mv", "Energy Policy.md", "Energy Strategy.md");
        git(source, "Ann Author", "commit", "-q", "-m", "Rename the energy page");
        git(source, "Ann Author", "merge", "-q", "--no-ff", "-m", "Merge the plans", "notes");

        Path site = tmp.resolve("site");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = new Main(new PrintStream(out, true), System.err).run(new String[] {"import", source.toString(), "--site", site.toString()});
        assertThat(exit).as(out.toString()).isZero();
        assertThat(out.toString()).contains("Copying commits: 5 commits in").contains("from the refs/heads/main branch");

        Path content = new SiteFolder(site).content();
        String files = git(tmp, "x", "--git-dir", content.toString(), "ls-tree", "-r", "--name-only", "main");
        assertThat(files.lines()).contains("home.md", "energy-strategy.md", "images/logo.png", "notes/v1-2-plans.md", "index.md",
                ".moot/roles.yaml").anySatisfy(f -> assertThat(f).isEqualTo("foo.md")).anySatisfy(f -> assertThat(f).isEqualTo("foo-2.md"))
                .doesNotContain("Energy Policy.md", "energy-policy.md");
        assertThat(git(tmp, "x", "--git-dir", content.toString(), "show", "main:images/logo.png")).isEqualTo("\u0089PNG not really");
        assertThat(git(tmp, "x", "--git-dir", content.toString(), "show", "main:.moot/roles.yaml")).doesNotContain("mallory");
        String log = git(tmp, "x", "--git-dir", content.toString(), "log", "--format=%an|%p|%s", "main");
        assertThat(log).contains("Bob Writer|", "Ann Author|").contains("|Merge the plans").contains("|Rename the energy page");
        assertThat(log.lines().filter(l -> l.split("\\|")[1].contains(" ")).count()).as("the merge keeps both parents").isEqualTo(1);
        assertThat(log.lines().count()).isEqualTo(6); // five imported, and the site's own commit on top

        try (TestServer moot = new TestServer(new SiteFolder(site), 0)) {
            assertThat(moot.get("/wiki/energy-strategy").body()).contains("Wind turbines on every hill.");
            assertThat(moot.get("/wiki/home").body()).contains("Welcome"); // a page without front matter
            assertThat(moot.json("/api/search?q=lagoons").path("hits").get(0).path("id").asText()).isEqualTo("notes/v1-2-plans");
            assertThat(moot.get("/history/energy-strategy").body()).contains("Start the wiki"); // the rename is followed
            assertThat(moot.get("/").statusCode()).isEqualTo(200);
        }
    }
}
