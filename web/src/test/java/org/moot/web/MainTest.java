package org.moot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: exit codes, and one clear sentence for a mistake. */
class MainTest {

    @TempDir
    Path tmp;

    private record Run(int exit, String out, String err) {}

    private static Run moot(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new Main(new PrintStream(out, true), new PrintStream(err, true)).run(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void initThenCheckIsClean() {
        Run init = moot("init", tmp.resolve("site").toString());
        assertThat(init.exit()).isZero();
        assertThat(init.out()).contains("Created a site with the demo content in");
        Run check = moot("check", tmp.resolve("site").toString());
        assertThat(check.exit()).isZero();
        assertThat(check.out()).isEmpty();
    }

    @Test
    void checkNamesFileAndLineAndExitsOne() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work/health"));
        Files.writeString(work.resolve("index.md"), "---\ntitle: Health\nkind: topik\n---\n");
        Run check = moot("check", tmp.resolve("work").toString());
        assertThat(check.exit()).isEqualTo(1);
        assertThat(check.out()).isEqualTo("health/index.md:3: unknown kind 'topik'; expected one of topic, paper, "
                + "response, synthesis, fact, argument, call, page\n");
        assertThat(check.err()).isEqualTo("1 problem found\n");
    }

    @Test
    void mistakesGetOneClearSentenceAndNoStackTrace() {
        moot("init", tmp.resolve("site").toString(), "--empty");
        Run again = moot("init", tmp.resolve("site").toString());
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).startsWith("moot: ").contains("is already a Moot site").doesNotContain("Exception");
        assertThat(moot("frobnicate").err()).startsWith("moot: unknown command 'frobnicate'").contains("usage:");
        assertThat(moot("check", tmp.resolve("nope").toString()).err()).isEqualTo("moot: " + tmp.resolve("nope") + " is not a folder\n");
        assertThat(moot("serve", "--port", "http").err()).isEqualTo("moot: --port must be a port number, not 'http'\n");
        assertThat(moot("serve", "--colour").err()).startsWith("moot: unknown option --colour");
        assertThat(moot("serve", "--trusted-proxy", "10.0.0.2,proxy.example").err())
                .startsWith("moot: --trusted-proxy: 'proxy.example' is not an IP address");
        assertThat(moot("serve", "--port", "80", "--port", "81").err()).isEqualTo("moot: --port must be a port number, not '80,81'\n");
    }
}
