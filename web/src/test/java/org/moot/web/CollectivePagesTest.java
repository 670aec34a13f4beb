package org.moot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moot.engine.access.Role;
import org.moot.engine.edit.EditRequest;
import org.moot.schema.PageId;

/** A collective response credits everyone who wrote it; a synthesis shows the responses it leaves out. */
class CollectivePagesTest {

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

    private void edit(String user, String id, String from, String to) {
        var who = moot.site.access().user(user).orElseThrow();
        PageId page = PageId.of(id);
        String base = moot.site.pages().graph(Optional.empty()).snapshot().revision();
        String text = new String(moot.site.pages().raw(page, Optional.empty()).orElseThrow(), StandardCharsets.UTF_8);
        moot.site.edits().save(who, EditRequest.of(page, text.replaceFirst(from, to), Optional.of(base), "Edit by " + user));
    }

    @Test
    void aResponseListsItsWritersByAccountWithTheirEditsAndASynthesisWhatItLeavesOut() {
        moot.signedIn("ann", "Ann <i>Lee</i>", Set.of(Role.EDITOR));
        moot.signedIn("bob", "Bob", Set.of(Role.EDITOR));
        String response = "health/primary-care/extended-gp-hours-response";
        edit("ann", response, "GP", "GP (general practice)");
        edit("bob", response, "evening", "evening and weekend");
        edit("ann", response, "members", "our members");
        String page = new WebClient(moot).get("/wiki/" + response).body();
        assertThat(page).contains("Written by").contains("<a href=\"/members/ann\">Ann iLee/i</a>")
                .contains("(2 edits)").contains("<a href=\"/members/bob\">Bob</a>").contains("(1 edit)");

        edit("ann", "health/housing-and-health-synthesis", "  - health/primary-care/extended-gp-hours-response\n", "");
        assertThat(new WebClient(moot).get("/wiki/health/housing-and-health-synthesis").body())
                .contains("Responses on this theme not drawn on yet").contains("href=\"/wiki/" + response + "\"");
    }
}
