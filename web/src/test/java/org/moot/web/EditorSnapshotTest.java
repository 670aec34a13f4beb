package org.moot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moot.engine.access.User;
import org.moot.engine.edit.EditRequest;
import org.moot.schema.FrontMatterParser;
import org.moot.schema.PageId;

/**
 * The editor's base revision and the text it shows come from one resolution of main: while
 * others publish edits to the page, the text in the form is always the page as of that base.
 * (Read from two resolutions, a publish in between paired the new text with the old base.)
 */
class EditorSnapshotTest {

    @TempDir
    Path tmp;

    @Test
    void theTextInTheEditorIsThePageAsOfItsBaseRevision() throws Exception {
        try (TestServer moot = new TestServer(tmp)) {
            PageId id = PageId.of("health");
            User admin = moot.site.access().user("admin").orElseThrow();
            AtomicBoolean running = new AtomicBoolean(true);
            java.util.concurrent.atomic.AtomicInteger published = new java.util.concurrent.atomic.AtomicInteger();
            Thread publisher = new Thread(() -> {
                for (int i = 0; running.get() && i < 10_000; i++) {
                    String base = moot.site.pages().graph(Optional.empty()).snapshot().revision();
                    String text = "---\ntitle: Health\nkind: topic\n---\nVersion " + i + ".\n";
                    if (moot.site.edits().save(admin, EditRequest.of(id, text, Optional.of(base), "version " + i))
                            instanceof org.moot.engine.edit.EditOutcome.Merged) {
                        published.incrementAndGet();
                    }
                }
            });
            WebClient editor = new WebClient(moot);
            editor.signIn("admin", TestServer.ADMIN_PASSWORD);
            publisher.start();
            try {
                // At least 150 openings, and on until edits have been published meanwhile (bounded in time).
                long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
                for (int i = 0; (i < 150 || published.get() <= 10) && System.nanoTime() < deadline; i++) {
                    HttpResponse<String> form = editor.get("/edit/health");
                    assertThat(form.statusCode()).isEqualTo(200);
                    String base = WebClient.field(form.body(), "base");
                    String shown = WebClient.field(form.body(), "body");
                    String atBase = FrontMatterParser.split("health/index.md",
                            new String(moot.site.pages().raw(id, Optional.of(base)).orElseThrow(), StandardCharsets.UTF_8)).body();
                    assertThat(shown.strip()).as("open %d, base %s", i, base).isEqualTo(atBase.strip());
                }
            } finally {
                running.set(false);
                publisher.join();
            }
            assertThat(published.get()).as("edits published meanwhile").isGreaterThan(10);
        }
    }
}
