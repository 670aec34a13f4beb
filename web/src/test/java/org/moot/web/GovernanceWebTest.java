package org.moot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moot.engine.Site;
import org.moot.engine.access.Role;
import org.moot.engine.govern.DemoGovernance;
import org.moot.engine.govern.Proceeding;

/** Straw polls, ballots, receipts and draws through the web, the schedule and the command line, on the demo site. */
class GovernanceWebTest {

    private static final Pattern RECEIPT = Pattern.compile("class=\"receipt\">([A-Za-z0-9_-]+)<");

    @TempDir
    Path tmp;

    /** The wall clock, moved on by the test: weeks of a vote pass in a line. */
    private static final class LaterClock extends Clock {
        private volatile Duration ahead = Duration.ZERO;

        @Override
        public Instant instant() {
            return Instant.now().plus(ahead);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private static String receipt(String html) {
        Matcher m = RECEIPT.matcher(html);
        assertThat(m.find()).as("the page shows a receipt").isTrue();
        return m.group(1);
    }

    @Test
    void membersAnswerAStrawPollInSecretAndTheScheduleClosesItOnTime() throws Exception {
        LaterClock clock = new LaterClock();
        try (TestServer s = new TestServer(tmp, Site.Config.DEFAULT.withClock(clock), c -> c.withGovernanceEvery(Duration.ofMillis(100)))) {
            assertThat(s.get("/governance").body()).contains("Election for 2 moderator seats").contains("priya, tom elected moderator")
                    .contains("Should evening and weekend appointments be our commitment for 2028?");
            assertThat(s.get("/wiki/" + DemoGovernance.POLL_PAGE).body()).contains("href=\"/governance/2\"");

            WebClient ann = s.signedIn("ann", "Ann", Set.of(Role.MEMBER));
            WebClient bob = s.signedIn("bob", "Bob", Set.of(Role.MEMBER));
            var voted = ann.submit("/governance/2", "/governance/2", Map.of("action", "vote", "choice", "4", "reason", "Working patients need it."));
            assertThat(voted.statusCode()).isEqualTo(303);
            String first = receipt(ann.get("/governance/2?done=voted").body());
            ann.submit("/governance/2", "/governance/2", Map.of("action", "vote", "choice", "2", "reason", "Too thin a workforce."));
            String second = receipt(ann.get("/governance/2").body());
            assertThat(second).isNotEqualTo(first);
            assertThat(ann.get("/members/ann").body()).as("her own page keeps her receipt while the vote is open").contains(second).doesNotContain(first);
            assertThat(bob.get("/members/ann").body()).doesNotContain(second);
            bob.submit("/governance/2", "/governance/2", Map.of("action", "vote", "choice", "5"));
            var refused = bob.submit("/governance/2", "/governance/2", Map.of("action", "vote", "choice", "9"));
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("choose one of");
            String soFar = s.get("/governance/2").body();
            assertThat(soFar).as("no running count, no reasons before the close").contains("2 ballots cast so far")
                    .doesNotContain("Too thin a workforce.").doesNotContain("poll-result");

            clock.ahead = Duration.ofDays(31);
            for (int i = 0; i < 100 && s.site.governance().get(s.site.tip(), 2).orElseThrow().phase() != Proceeding.Phase.CLOSED; i++) {
                Thread.sleep(100);
            }
            String closed = s.get("/governance/2?receipt=" + second).body();
            assertThat(closed).contains("Result: 2 answers").contains("ann, bob.").contains("Too thin a workforce.")
                    .doesNotContain("Working patients").contains("Found: the ballot with this receipt chose oppose");
            assertThat(s.get("/governance/2?receipt=" + first).body()).contains("No published ballot has this receipt.");
            assertThat(s.get("/governance/2?receipt=%00%1b%3Cx").body()).contains("No published ballot has this receipt.")
                    .doesNotContain("\u0000").doesNotContain("\u001b");
            assertThat(ann.get("/members/ann").body()).as("counted: nothing on the server links her to her ballot").doesNotContain(second);
            assertThat(Files.exists(s.folder.privateDir().resolve("ballots/2"))).as("the box is gone once counted").isFalse();
            assertThat(s.get("/governance").body()).contains("Draw by lot for 3 council seats");

            // An editor attaches a poll to a proposal, which shows it.
            WebClient ed = s.signedIn("ed", "Ed", Set.of(Role.MEMBER, Role.EDITOR));
            String base = WebClient.field(ann.get("/edit/health").body(), "base");
            var proposed = ann.submit("/edit/health", "/edit/health", Map.of("id", "health", "base", base, "edit", "",
                    "raw", ann.get("/raw/health").body() + "\nOne more line.\n", "summary", "One more line", "action", "save"));
            String proposal = proposed.headers().firstValue("Location").orElseThrow().replaceAll("^/proposals/(\\d+).*", "$1");
            assertThat(ed.get("/proposals/" + proposal).body()).contains("/governance/polls/new?on=proposal:" + proposal);
            var poll = ed.submit("/governance/polls/new?on=proposal:" + proposal, "/governance/polls",
                    Map.of("on", "proposal:" + proposal, "question", "Is shorter better?", "scale", "support", "days", "7"));
            assertThat(poll.statusCode()).isEqualTo(303);
            assertThat(s.get("/proposals/" + proposal).body()).contains("Is shorter better?");
            assertThat(s.get(poll.headers().firstValue("Location").orElseThrow()).body())
                    .contains("A straw poll on <a href=\"/proposals/" + proposal + "\">proposal " + proposal + "</a>");
        }
    }

    @Test
    void anyoneReRunsADrawFromACloneAndATamperedCloneIsCaught() throws Exception {
        LaterClock clock = new LaterClock();
        try (TestServer s = new TestServer(tmp, Site.Config.DEFAULT.withClock(clock), c -> c)) {
            assertThat(s.site.governance().advance()).contains("opened Draw by lot for 3 council seats");
            for (String name : new String[] {"ann", "bob", "cy", "dee"}) {
                WebClient member = s.signedIn(name, name, Set.of(Role.MEMBER));
                assertThat(member.submit("/governance/3", "/governance/3", Map.of("action", "volunteer")).statusCode()).isEqualTo(303);
            }
            assertThat(s.get("/governance/3").body()).contains("href=\"/members/dee\"");
            clock.ahead = Duration.ofDays(8);
            s.site.governance().advance();
            var council = s.site.governance().get(s.site.tip(), 3).orElseThrow().outcome().orElseThrow().chosen();
            assertThat(council).hasSize(3);
            assertThat(s.get("/governance/3").body()).contains("moot sortition verify PATH 3");

            Path home = Files.createDirectories(tmp.resolve("home"));
            assertThat(GitCli.run(home, tmp, "Reader", "reader@example.org", "clone", "-q", s.url("/git/content.git"), "clone").exit()).isZero();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int exit = new Main(new PrintStream(out, true), System.err).run(new String[] {"sortition", "verify", tmp.resolve("clone").toString(), "3"});
            assertThat(out.toString()).contains("council drawn: " + String.join(", ", council)).contains("the record holds");
            assertThat(exit).isZero();

            Path record = tmp.resolve("clone/.moot/governance/3.yaml");
            String loser = s.site.governance().get(s.site.tip(), 3).orElseThrow().outcome().orElseThrow().eligible().stream()
                    .filter(n -> !council.contains(n)).findFirst().orElseThrow();
            Files.writeString(record, Files.readString(record).replace("chosen:\n- " + council.get(0), "chosen:\n- " + loser));
            GitCli.run(home, tmp.resolve("clone"), "Mallory", "m@example.org", "commit", "-qam", "Fix the council");
            out.reset();
            exit = new Main(new PrintStream(out, true), System.err).run(new String[] {"sortition", "verify", tmp.resolve("clone").toString(), "3"});
            assertThat(exit).isEqualTo(1);
            assertThat(out.toString()).contains("differs: the record says");

            // History rewritten instead: the closing commit amended to seat one more on the council.
            Path clone = tmp.resolve("clone");
            GitCli.run(home, clone, "Mallory", "m@example.org", "reset", "-q", "--hard", "HEAD~1");
            Path roles = clone.resolve(".moot/roles.yaml");
            Files.writeString(roles, Files.readString(roles).replace("council:\n", "council:\n  - " + loser + "\n"));
            GitCli.run(home, clone, "Mallory", "m@example.org", "commit", "-q", "-a", "--amend", "--no-edit");
            out.reset();
            exit = new Main(new PrintStream(out, true), System.err).run(new String[] {"sortition", "verify", clone.toString(), "3"});
            assertThat(out.toString()).contains("differs: the commit that closed the draw gives " + loser);
            assertThat(exit).isEqualTo(1);
        }
    }

    @Test
    void theCouncilChangesHowMembersGovernInAPublicCommitAndAMemberCannot() {
        try (TestServer s = new TestServer(tmp)) {
            WebClient council = s.signedIn("cleo", "Cleo", Set.of(Role.MEMBER, Role.COUNCIL));
            WebClient member = s.signedIn("ann", "Ann", Set.of(Role.MEMBER));
            assertThat(member.get("/governance").body()).doesNotContain("Change the settings");
            assertThat(member.submit("/governance", "/governance/settings", Map.of("settings", "voting-days: 3\n", "reason", "Faster"))
                    .statusCode()).isEqualTo(403);

            String current = WebClient.field(council.get("/governance").body(), "settings");
            assertThat(current).contains("moderator: {seats: 3");
            var broken = council.submit("/governance", "/governance/settings",
                    Map.of("settings", current.replace("voting-days: 7", "voting-days: 0"), "reason", "Faster votes"));
            assertThat(broken.statusCode()).isEqualTo(400);
            assertThat(broken.body()).contains("line 9: 'voting-days' must be a whole number from 1 to 3650")
                    .contains("voting-days: 0");
            var saved = council.submit("/governance", "/governance/settings",
                    Map.of("settings", current.replace("voting-days: 7", "voting-days: 3"), "reason", "Faster votes"));
            assertThat(saved.statusCode()).isEqualTo(303);
            assertThat(s.site.governance().settings(s.site.tip()).vote()).isEqualTo(Duration.ofDays(3));
            assertThat(s.get("/changes").body()).contains("Faster votes");
        }
    }

    @Test
    void scriptsReadTheRecordAndVoteThroughTheApi() throws Exception {
        try (TestServer s = new TestServer(tmp)) {
            String token = s.userAdd("sam", "member").get(1);
            WebClient client = new WebClient(s);
            var record = new com.fasterxml.jackson.databind.ObjectMapper().readTree(s.get("/api/governance/1").body());
            assertThat(record.path("outcome").path("chosen").toString()).isEqualTo("[\"priya\",\"tom\"]");
            assertThat(record.path("outcome").path("ballots").get(0).has("voter")).isFalse();
            var vote = client.postTextWithToken("/api/governance/2/vote", "sam", token, "{\"choices\": [\"5\"], \"reason\": \"Yes.\"}");
            assertThat(vote.statusCode()).as(vote.body()).isEqualTo(200);
            assertThat(vote.body()).containsPattern("\"receipt\":\"[A-Za-z0-9_-]{16}\"");
            var wrong = client.postTextWithToken("/api/governance/2/vote", "sam", token, "{\"choices\": [\"7\"]}");
            assertThat(wrong.statusCode()).isEqualTo(400);
            assertThat(wrong.body()).contains("\"error\"").contains("choose one of");
            assertThat(client.postTextWithToken("/api/governance/1/vote", "sam", token, "{\"choices\": [\"tom\"]}").body())
                    .contains("this vote has closed");
            assertThat(client.postTextWithToken("/api/governance/2/vote", "sam", "moot_wrong", "{\"choices\": [\"5\"]}").statusCode())
                    .isEqualTo(401);
            assertThat(s.get("/api/governance").body()).contains("\"phase\":\"voting\"");
        }
    }
}
