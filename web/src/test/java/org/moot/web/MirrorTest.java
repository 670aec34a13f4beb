package org.moot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moot.engine.Site;
import org.moot.engine.SiteFolder;
import org.moot.engine.access.Role;
import org.moot.engine.access.User;
import org.moot.engine.edit.EditOutcome;
import org.moot.engine.edit.EditRequest;
import org.moot.schema.PageId;

/** Two servers on loopback: a mirror that follows its upstream, and a fork that carries on alone. */
class MirrorTest {

    static final PageId PAGE = PageId.of("housing/planning");
    static final User EDITOR = new User("edna", "Edna", EnumSet.of(Role.READER, Role.MEMBER, Role.EDITOR));

    @TempDir
    Path tmp;

    static void edit(Site site, String words) {
        String text = new String(site.pages().raw(PAGE, Optional.empty()).orElseThrow(), StandardCharsets.UTF_8) + "\n" + words + "\n";
        assertThat(site.edits().save(EDITOR, EditRequest.of(PAGE, text, Optional.of(site.tip().revision()), "Add " + words)))
                .isInstanceOf(EditOutcome.Merged.class);
    }

    /** Waits (polling, at most {@code seconds}) for a condition the mirror reaches on its own schedule. */
    static void within(int seconds, Supplier<Boolean> reached) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (!reached.get()) {
            assertThat(System.nanoTime()).as("not reached within " + seconds + " s").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    @Test
    void aMirrorFollowsItsUpstreamRefusesWritesAndOutlivesIt() throws Exception {
        TestServer upstream = new TestServer(tmp.resolve("upstream"));
        int port = upstream.server.port();
        SiteFolder copy = SiteFolder.copy(tmp.resolve("mirror"), upstream.url("/"), Optional.of(Duration.ofSeconds(1)), "a mirror's admin",
                org.moot.engine.git.TransferProgress.NONE);
        try (TestServer mirror = new TestServer(copy, 0)) {
            assertThat(mirror.get("/wiki/housing/planning").body()).isEqualTo(upstream.get("/wiki/housing/planning").body()
                    .replace(upstream.url(""), mirror.url("")));

            edit(upstream.site, "Gondola lifts for the hill estates.");
            within(10, () -> mirror.get("/wiki/housing/planning").body().contains("Gondola lifts")
                    && mirror.json("/api/search?q=gondola").path("total").asInt() == 1);

            var refused = new WebClient(mirror).get("/edit/housing/planning");
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("read-only copy").contains("href=\"" + upstream.url("/edit/housing/planning") + "\"");
            var post = new WebClient(mirror).postRaw("/login", Map.of("name", "admin", "password", "x"));
            assertThat(post.statusCode()).isEqualTo(403);
            assertThat(mirror.get("/git/content.git/info/refs?service=git-receive-pack").statusCode()).isEqualTo(403);

            upstream.close();
            assertThat(mirror.get("/wiki/housing/planning").body()).contains("Gondola lifts");
            Thread.sleep(1500); // a round or two meets the upstream down; the mirror keeps serving
            assertThat(mirror.get("/wiki/housing/planning").statusCode()).isEqualTo(200);

            try (Site offline = Site.open(upstream.folder, Site.Config.COMMAND)) {
                edit(offline, "Cable cars were cheaper.");
            }
            try (TestServer restarted = new TestServer(upstream.folder, port)) {
                within(30, () -> mirror.get("/wiki/housing/planning").body().contains("Cable cars were cheaper."));
            }
        }
    }

    @Test
    void aForkCarriesOnWithTheWholeHistoryAndItsOwnAdmin() throws Exception {
        String upstreamMain;
        Path fork = tmp.resolve("fork");
        try (TestServer upstream = new TestServer(tmp.resolve("upstream"))) {
            edit(upstream.site, "Before the fork.");
            upstreamMain = upstream.site.tip().revision();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int exit = new Main(new PrintStream(out, true), System.err).run(new String[] {"mirror", upstream.url("/"), "--site", fork.toString()});
            assertThat(exit).as(out.toString()).isZero();
            assertThat(out.toString()).contains("independent fork").contains("Sign in as 'admin' with the password ");
        }
        // The upstream is gone; the fork serves, and its own admin edits.
        try (TestServer forked = new TestServer(new SiteFolder(fork), 0)) {
            assertThat(forked.get("/wiki/housing/planning").body()).contains("Before the fork.");
            User admin = forked.site.access().user(SiteFolder.ADMIN, forked.site.tip()).orElseThrow();
            assertThat(admin.has(Role.ADMIN)).isTrue();
            String text = new String(forked.site.pages().raw(PAGE, Optional.empty()).orElseThrow(), StandardCharsets.UTF_8);
            assertThat(forked.site.edits().save(admin, EditRequest.of(PAGE, text + "\nAfter the fork.\n", Optional.of(forked.site.tip().revision()), "Carry on")))
                    .isInstanceOf(EditOutcome.Merged.class);
            assertThat(forked.get("/wiki/housing/planning").body()).contains("After the fork.");
            var git = new ProcessBuilder("git", "--git-dir", forked.folder.content().toString(), "merge-base", "--is-ancestor",
                    upstreamMain, "main").start();
            assertThat(git.waitFor()).as("the fork's main contains the original's").isZero();
        }
    }
}
