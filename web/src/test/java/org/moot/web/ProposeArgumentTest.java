package org.moot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moot.engine.access.Role;

/** A member proposes an argument in the short form; an editor declines it as covered; the member sees where their point is made. */
class ProposeArgumentTest {

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

    private static final String DIRECTION = "/wiki/housing/social-housing/direction-build-12000-homes";
    private static final String COVERING = "housing/social-housing/arguments/against-council-homes-borrowing-risk";

    @Test
    void aDeclinedArgumentLinksTheMemberToTheArgumentThatCoversIt() {
        WebClient ann = moot.signedIn("ann", "Ann", Set.of(Role.MEMBER));
        WebClient ed = moot.signedIn("ed", "Ed", Set.of(Role.EDITOR));
        assertThat(ann.get(DIRECTION).body()).contains("Propose an argument");

        var proposed = ann.submit(DIRECTION, "/argue/housing/social-housing/direction-build-12000-homes", Map.of(
                "stance", "against", "claim", "The debt could <b>sink</b> the councils",
                "why", "Interest rates may rise.", "source-title", "Rates", "source-url", "https://example.org/rates"));
        assertThat(proposed.statusCode()).isEqualTo(303);
        String location = proposed.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/proposals/");
        String n = location.replaceAll("\\D+", " ").strip().split(" ")[0];
        assertThat(ed.get("/proposals/" + n).body()).contains("housing/social-housing/arguments/the-debt-could-b-sink-b-the-councils.md")
                .contains("stance: against");

        assertThat(ed.submit("/proposals/" + n, "/proposals/" + n + "/decline", Map.of("reason", "Already made, with the same evidence.",
                "covered-by", COVERING)).statusCode()).isEqualTo(303);
        String member = new WebClient(moot).get("/members/ann").body();
        assertThat(member).contains("Already covered by <a href=\"/wiki/" + COVERING + "\">")
                .contains("Already made, with the same evidence.").doesNotContain("<b>sink</b>");
        // A second point of hers is included: her page says so, and who accepted it.
        String second = ann.submit(DIRECTION, "/argue/housing/social-housing/direction-build-12000-homes", Map.of(
                "stance", "for", "claim", "Councils borrow cheaper than developers")).headers().firstValue("Location").orElseThrow()
                .replaceAll("\\D+", " ").strip().split(" ")[0];
        assertThat(ed.submit("/proposals/" + second, "/proposals/" + second + "/accept", Map.of()).statusCode()).isEqualTo(303);
        assertThat(new WebClient(moot).get("/members/ann").body()).containsPattern("Councils borrow cheaper than developers</a> "
                + "<span class=\"status\">included</span>\\s*<small>accepted by <a href=\"/members/ed\">ed</a></small>");
        assertThat(new WebClient(moot).get("/proposals/" + second).body()).contains("<span class=\"status\">accepted</span>");
        assertThat(ed.submit("/proposals", "/argue/housing/social-housing/direction-build-12000-homes", Map.of(
                "stance", "for", "claim", "Homes are an asset for a century")).headers().firstValue("Location").orElse(""))
                .startsWith("/wiki/housing/social-housing/arguments/homes-are-an-asset-for-a-century");
        assertThat(new WebClient(moot).get(DIRECTION).body()).contains("Homes are an asset for a century")
                .containsPattern("Arguments here were put forward by 2 members:\\s+<a href=\"/members/ann\">Ann</a>, <a href=\"/members/ed\">Ed</a>\\.");
    }

    @Test
    void twoMembersMakingTheSamePointAtOnceGetTwoPages() {
        WebClient ann = moot.signedIn("ann", "Ann", Set.of(Role.MEMBER));
        WebClient bob = moot.signedIn("bob", "Bob", Set.of(Role.MEMBER));
        WebClient ed = moot.signedIn("ed", "Ed", Set.of(Role.EDITOR));
        String[] numbers = new String[2];
        WebClient[] members = {ann, bob};
        for (int i = 0; i < 2; i++) {
            numbers[i] = members[i].submit(DIRECTION, "/argue/housing/social-housing/direction-build-12000-homes", Map.of(
                    "stance", "for", "claim", "Rents pay for it")).headers().firstValue("Location").orElseThrow()
                    .replaceAll("\\D+", " ").strip().split(" ")[0];
        }
        assertThat(ed.get("/proposals/" + numbers[0]).body()).contains("arguments/rents-pay-for-it.md");
        assertThat(ed.get("/proposals/" + numbers[1]).body()).contains("arguments/rents-pay-for-it-2.md");
        for (String n : numbers) { // both can be included: neither overwrites the other
            assertThat(ed.submit("/proposals/" + n, "/proposals/" + n + "/accept", Map.of()).statusCode()).isEqualTo(303);
        }
        assertThat(new WebClient(moot).get("/wiki/housing/social-housing/arguments/rents-pay-for-it-2").statusCode()).isEqualTo(200);
    }

    @Test
    void coveredByMustNameAPageOfTheSite() {
        WebClient ann = moot.signedIn("ann", "Ann", Set.of(Role.MEMBER));
        WebClient ed = moot.signedIn("ed", "Ed", Set.of(Role.EDITOR));
        String location = ann.submit(DIRECTION, "/argue/housing/social-housing/direction-build-12000-homes",
                Map.of("stance", "for", "claim", "Builders need a pipeline")).headers().firstValue("Location").orElseThrow();
        String n = location.replaceAll("\\D+", " ").strip().split(" ")[0];
        assertThat(ed.submit("/proposals/" + n, "/proposals/" + n + "/decline", Map.of("reason", "x", "covered-by", "no/such/page"))
                .statusCode()).isEqualTo(400);
    }

    @Test
    void aDebateMappedInArgdownComesInAsOneProposal() {
        java.util.List<String> ed = moot.userAdd("ed", "editor");
        String exported = new WebClient(moot).get("/api/pages/housing/social-housing/direction-build-12000-homes/arguments.argdown").body();
        var made = new WebClient(moot).postTextWithToken("/api/pages/health/primary-care/direction-evening-weekend-appointments/arguments.argdown",
                "ed", ed.get(1), exported);
        assertThat(made.statusCode()).isEqualTo(202);
        assertThat(made.body()).contains("\"arguments\":7");
        int n = Integer.parseInt(made.body().replaceAll(".*\"proposal\":(\\d+).*", "$1"));
        WebClient browser = new WebClient(moot);
        browser.signIn("ed", ed.get(0));
        String proposal = browser.get("/proposals/" + n).body();
        assertThat(proposal).contains("health/primary-care/arguments/rent-income-isn-t-guaranteed") // a reply three deep
                .contains("on: health/primary-care/arguments/the-borrowing-is-repaid-from-rents");
        // Even an editor's import is reviewed whole: nothing is published until it is accepted.
        assertThat(new WebClient(moot).get("/wiki/health/primary-care/direction-evening-weekend-appointments").body())
                .doesNotContain("Rent income isn");

        var bad = new WebClient(moot).postTextWithToken("/api/pages/health/arguments.argdown", "ed", ed.get(1), "[A]\n+ <Not indented>\n");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("line 2");
    }
}
