package org.moot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moot.engine.access.Role;
import org.moot.engine.edit.EditOutcome;
import org.moot.engine.edit.EditRequest;
import org.moot.schema.PageId;

/** A paper submitted, accepted as version 1, changed, published as version 2: both reachable, and tagged in Git. */
class PaperVersionsTest {

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

    private static String paper(String status, String text) {
        return "---\ntitle: Rural buses\nkind: paper\nauthors: [ann]\nstatus: " + status + "\nparents: [health]\n---\n" + text + "\n";
    }

    @Test
    void eachPublishedVersionIsTaggedAndKeepsItsLink() {
        moot.signedIn("ann", "Ann", Set.of(Role.MEMBER));
        moot.signedIn("ed", "Ed", Set.of(Role.EDITOR));
        var ann = moot.site.access().user("ann").orElseThrow();
        var ed = moot.site.access().user("ed").orElseThrow();
        PageId id = PageId.of("health/rural-buses");

        EditOutcome submitted = moot.site.edits().save(ann, EditRequest.of(id, paper("submitted", "Buses every hour."), Optional.empty(), "Submit a paper"));
        assertThat(submitted).isInstanceOf(EditOutcome.Proposed.class); // a member's new paper goes to the editors
        assertThat(moot.site.papers().versions(id)).isEmpty();
        moot.site.proposals().accept(ed, ((EditOutcome.Proposed) submitted).number(), Optional.empty());
        assertThat(moot.site.papers().versions(id)).extracting(v -> v.number()).containsExactly(1);

        String base = moot.site.pages().graph(Optional.empty()).snapshot().revision();
        assertThat(moot.site.edits().save(ann, EditRequest.of(id, paper("accepted", "Buses every half hour."), Optional.of(base), "Version 2")))
                .isInstanceOf(EditOutcome.Merged.class); // an author publishes changes to their own paper
        var versions = moot.site.papers().versions(id);
        assertThat(versions).extracting(v -> v.number()).containsExactly(1, 2);

        String page = new WebClient(moot).get("/wiki/health/rural-buses").body();
        assertThat(page).contains("Version 1").contains("Version 2").contains("what changed since version 1");
        assertThat(new WebClient(moot).get("/wiki/health/rural-buses?rev=" + versions.get(0).commit().name()).body()).contains("Buses every hour.");
        assertThat(new WebClient(moot).get("/diff/health/rural-buses?from=" + versions.get(0).commit().name() + "&to="
                + versions.get(1).commit().name()).body()).contains("<ins>half </ins>hour");

        var remote = GitCli.run(tmp, tmp, "Tess", "tess@example.org", "ls-remote", moot.url("/git/content.git"));
        assertThat(remote.output()).contains("refs/tags/paper/health/rural-buses/v1").contains("refs/tags/paper/health/rural-buses/v2");
    }
}
