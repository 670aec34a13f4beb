package org.moot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moot.engine.edit.EditRequest;
import org.moot.schema.PageId;

/** Watching: nobody has to keep reloading pages to know their view was heard. */
class WatchTest {

    @TempDir
    Path tmp;
    TestServer moot;

    @BeforeEach
    void start() {
        moot = new TestServer(tmp);
    }

    @AfterEach
    void stop() {
        moot.close();
    }

    private void publish(String id, String from, String to, String summary) {
        var admin = moot.site.access().login("admin", TestServer.ADMIN_PASSWORD).orElseThrow();
        PageId page = PageId.of(id);
        String base = moot.site.pages().graph(Optional.empty()).snapshot().revision();
        String text = new String(moot.site.pages().raw(page, Optional.empty()).orElseThrow(), StandardCharsets.UTF_8);
        moot.site.edits().save(admin, EditRequest.of(page, text.replace(from, to), Optional.of(base), summary));
    }

    @Test
    void aWatchedTopicShowsChangesUnderItSinceTheLastVisitAndInAPrivateFeed() {
        List<String> wendy = moot.userAdd("wendy", "member");
        WebClient browser = new WebClient(moot);
        browser.signIn("wendy", wendy.get(0));

        assertThat(browser.submit("/wiki/health", "/watch/health", Map.of("watch", "1")).statusCode()).isEqualTo(303);
        assertThat(browser.get("/wiki/health").body()).contains("Stop watching");
        browser.get("/watchlist"); // the first visit: from now on, only what is new

        publish("health/primary-care", "Primary care", "Primary care (GPs)", "Mention GPs");
        publish("housing", "Housing", "Housing and homes", "Retitle housing");
        assertThat(browser.get("/watchlist").body()).contains("Mention GPs").doesNotContain("Retitle housing");
        assertThat(browser.get("/watchlist").body()).contains("Nothing new.");

        var feed = new WebClient(moot).getWithToken("/watchlist.atom", "wendy", wendy.get(1));
        assertThat(feed.statusCode()).isEqualTo(200);
        assertThat(feed.body()).contains("<title>Mention GPs</title>").doesNotContain("Retitle housing");
        assertThat(new WebClient(moot).get("/watchlist.atom").statusCode()).isEqualTo(401);
        assertThat(new WebClient(moot).get("/watchlist").statusCode()).isEqualTo(303);
    }
}
