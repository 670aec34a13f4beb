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

/** A call for papers lists the papers that answer it; a member answers from the call's own page. */
class CallForPapersTest {

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

    private static final String CALL = "health/primary-care/call-rural-transport";

    @Test
    void aSubmittedAnswerIsListedOnTheCallOnceTheEditorsAcceptIt() {
        WebClient ann = moot.signedIn("ann", "Ann", Set.of(Role.MEMBER));
        moot.signedIn("ed", "Ed", Set.of(Role.EDITOR));
        String call = ann.get("/wiki/" + CALL).body();
        assertThat(call).contains("A call for papers").contains("closes").contains("None yet.")
                .contains("Submit a paper answering this call");
        String start = "/new?kind=paper&amp;in=health/primary-care&amp;to=" + java.net.URLEncoder.encode(CALL, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(call).contains(start);
        String form = ann.get(start.replace("&amp;", "&")).body();
        assertThat(form).contains("value=\"" + CALL + "\"").contains("value=\"ann\""); // answers the call, by account

        String paper = "---\ntitle: A minibus for Upper Dale\nkind: paper\nauthors: [ann]\nstatus: submitted\nparents: [" + CALL
                + "]\n---\nA bookable minibus to the Saturday hub.\n";
        var submitted = moot.site.edits().save(moot.site.access().user("ann").orElseThrow(),
                EditRequest.of(PageId.of("health/primary-care/minibus-for-upper-dale"), paper, Optional.empty(), "Answer the call"));
        assertThat(submitted).isInstanceOf(EditOutcome.Proposed.class);
        moot.site.proposals().accept(moot.site.access().user("ed").orElseThrow(), ((EditOutcome.Proposed) submitted).number(), Optional.empty());
        assertThat(new WebClient(moot).get("/wiki/" + CALL).body()).contains("Papers answering this call")
                .contains("A minibus for Upper Dale").contains("submitted");
    }

    @Test
    void aCallForHelpFindsTheMembersWhoOfferItsSkillsAndTheyFindIt() {
        WebClient ann = moot.signedIn("ann", "Ann", Set.of(Role.MEMBER));
        WebClient bob = moot.signedIn("bob", "Bob", Set.of(Role.MEMBER));
        moot.signedIn("ed", "Ed", Set.of(Role.EDITOR));
        for (var who : java.util.List.of(java.util.Map.entry(ann, "Graphic design, printing"), java.util.Map.entry(bob, "accounting"))) {
            String name = who.getKey() == ann ? "ann" : "bob";
            assertThat(who.getKey().submit("/members/" + name, "/members/" + name + "/profile", java.util.Map.of("displayName", name,
                    "skills", who.getValue(), "listed", "on")).statusCode()).isEqualTo(303);
        }
        String call = "---\ntitle: Leaflets for the housing campaign\nkind: call\nwants: help\nskills: [design, distribution]\n"
                + "time-needed: two evenings\ndeadline: 2099-01-31\n---\nWe need a leaflet designed.\n";
        assertThat(moot.site.edits().save(moot.site.access().user("ed").orElseThrow(), EditRequest.of(
                PageId.of("housing/leaflets-call"), call, Optional.empty(), "Call for help"))).isInstanceOf(EditOutcome.Merged.class);

        String page = new WebClient(moot).get("/wiki/housing/leaflets-call").body();
        assertThat(page).contains("A call for help").contains("Time needed: two evenings").contains("<a href=\"/members?skill=design\">design</a>, ")
                .doesNotContain("Papers answering this call");
        assertThat(new WebClient(moot).get("/members?skill=design").body()).contains("/members/ann").doesNotContain("/members/bob");
        String seenByBob = bob.get("/wiki/housing/leaflets-call").body();
        assertThat(seenByBob).contains("Members who could help");
        assertThat(seenByBob.substring(seenByBob.indexOf("<ul class=\"helpers\">"), seenByBob.indexOf("</ul>", seenByBob.indexOf("helpers"))))
                .contains("<a href=\"/members/ann\">ann</a>").doesNotContain("/members/bob");
        assertThat(ann.get("/members/ann").body()).contains("Calls for help that want your skills")
                .contains("Leaflets for the housing campaign").contains("closes 2099-01-31");
        assertThat(bob.get("/members/bob").body()).doesNotContain("Calls for help that want your skills");
        assertThat(new WebClient(moot).get("/members/ann").body()).doesNotContain("Calls for help that want your skills");
    }

    @Test
    void aTopicOverviewGivesEachPageItsArgumentsAndOpenDisputes() {
        String topic = new WebClient(moot).get("/wiki/health/primary-care").body();
        assertThat(topic).contains("Calls for papers and for help").contains("Call for papers: getting to a GP hub without a car")
                .containsPattern("evening-weekend-appointments\">[^<]*</a>(?s).{0,600}<span class=\"counts\">2 for · 2 against</span>");
        assertThat(new WebClient(moot).get("/wiki/health/facts").body()).contains("<span class=\"counts\">disputed</span>");
    }
}
