package org.moot.engine.govern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moot.engine.Site;
import org.moot.engine.SiteFolder;
import org.moot.engine.TestRepos;
import org.moot.engine.access.Role;
import org.moot.engine.access.User;
import org.moot.engine.git.Repo;
import org.moot.engine.govern.Proceeding.Phase;
import org.moot.engine.govern.Proceeding.Scale;
import org.moot.engine.govern.Proceeding.Type;

/** Elections, recalls, terms, draws and polls on a real site, with a clock the test moves. */
class GovernanceTest {

    @TempDir
    Path tmp;

    /** A minute ahead of the wall clock, so that the commits the test makes (at wall-clock time) are in its past. */
    private final MovableClock clock = new MovableClock(Instant.now().plusSeconds(60));
    private SiteFolder folder;
    private Site site;
    private User admin;

    @BeforeEach
    void site() {
        folder = SiteFolder.create(tmp.resolve("site"), true, TestRepos.ADMIN_PASSWORD);
        open();
        admin = site.access().login("admin", TestRepos.ADMIN_PASSWORD).orElseThrow();
    }

    @AfterEach
    void close() {
        site.close();
    }

    private void open() {
        site = Site.open(folder, Site.Config.COMMAND.withClock(clock));
    }

    private Governance governance() {
        return site.governance();
    }

    private User member(String name, Role... more) {
        site.access().register(name, name, "", "a long enough secret", null, null);
        EnumSet<Role> roles = EnumSet.of(Role.MEMBER);
        roles.addAll(List.of(more));
        site.access().setRoles(admin, name, roles, "Roles for the test");
        return site.access().user(name).orElseThrow();
    }

    /** governance.yaml as the council or an admin would push it. */
    private void settings(String yaml) {
        try (Repo repo = Repo.open(folder.content())) {
            TestRepos.commit(repo, GovernanceSettings.PATH, yaml);
        }
    }

    private Proceeding record(int number) {
        return governance().get(site.tip(), number).orElseThrow();
    }

    private List<String> days(int n) {
        clock.pass(Duration.ofDays(n));
        return governance().advance();
    }

    @Test
    void anElectionRunsFromNominationToTheRoleChangeWithoutAnAdmin() {
        settings("roles:\n  moderator: {seats: 3, term-days: 365, by: election}\nstand-after-days: 0\nvote-after-days: 0\n"
                + "quorum-percent: 50\nnomination-days: 7\nvoting-days: 7\n");
        User ann = member("ann");
        User bob = member("bob");
        User cy = member("cy");
        User dee = member("dee");
        assertThat(governance().advance()).containsExactly("opened Election for 2 moderator seats"); // admin holds the third seat
        assertThat(governance().advance()).isEmpty(); // nothing twice
        Proceeding election = record(1);
        assertThat(election.type()).isEqualTo(Type.ELECTION);
        assertThat(election.seats()).isEqualTo(2);

        governance().nominate(ann, 1, "I will keep the discussion civil.");
        governance().nominate(bob, 1, "Fair to every side.");
        governance().nominate(cy, 1, "Ask me anything.");
        assertThatThrownBy(() -> governance().nominate(dee, 1, "")).hasMessageContaining("statement");
        assertThatThrownBy(() -> governance().vote(dee, 1, List.of("ann"), "")).hasMessageContaining("voting has not opened");

        days(7);
        assertThat(record(1).phase()).isEqualTo(Phase.VOTING);
        assertThatThrownBy(() -> governance().nominate(dee, 1, "Late.")).hasMessageContaining("no longer taking nominations");
        assertThatThrownBy(() -> governance().vote(dee, 1, List.of("zed"), "")).hasMessageContaining("only candidates");
        String commitsBefore = site.tip().revision();
        governance().vote(ann, 1, List.of("ann", "bob"), "");
        governance().vote(bob, 1, List.of("bob"), "");
        String cyReceipt = governance().vote(cy, 1, List.of("ann"), "").receipt();
        governance().vote(dee, 1, List.of("ann", "cy"), "");
        assertThat(site.tip().revision()).as("a ballot makes no commit").isEqualTo(commitsBefore);
        assertThat(governance().ballotsCast(record(1))).isEqualTo(4);
        assertThat(governance().box().receiptsOf("cy")).containsEntry("1", cyReceipt);

        assertThat(days(7)).contains("closed 1");
        Proceeding closed = record(1);
        Proceeding.Outcome out = closed.outcome().orElseThrow();
        assertThat(out.counts()).containsExactly(Map.entry("ann", 3), Map.entry("bob", 2), Map.entry("cy", 1));
        assertThat(out.chosen()).containsExactly("ann", "bob");
        assertThat(site.access().roles().current().holders(Role.MODERATOR)).containsExactlyInAnyOrder("admin", "ann", "bob");
        assertThat(site.access().roles().record(site.tip()).changes().get(0).summary()).startsWith("Election for 2 moderator seats: ann, bob elected");

        // The voter's receipt finds their ballot in the published count; the box that linked them is gone.
        assertThat(out.ballots()).filteredOn(b -> b.receipt().equals(cyReceipt)).singleElement()
                .extracting(Proceeding.Ballot::choices).isEqualTo(List.of("ann"));
        assertThat(site.governance().box().receiptsOf("cy")).as("after the count nothing on the server links cy to a ballot").isEmpty();
        assertThat(out.voters()).containsExactly("ann", "bob", "cy", "dee");
        assertThat(Files.exists(folder.privateDir().resolve("ballots/1"))).isFalse();
        assertThat(governance().advance()).isEmpty(); // seats full
        assertNoFileLinksAVoterToAChoice(List.of("ann", "bob", "cy", "dee"));
    }

    /** Every version of every file on main: ballots carry a receipt and choices only, sorted by receipt; voters are a sorted list apart. */
    private void assertNoFileLinksAVoterToAChoice(List<String> voters) {
        try (Repo repo = Repo.open(folder.content()); RevWalk walk = new RevWalk(repo.transport())) {
            walk.markStart(walk.parseCommit(repo.main().orElseThrow().commit()));
            for (RevCommit c : walk) {
                for (var file : repo.files(repo.snapshot(c), ".moot/governance")) {
                    String text = new String(repo.read(file.blob()), StandardCharsets.UTF_8);
                    Proceeding p = Proceeding.read(Proceeding.number(file.path()), text).proceeding().orElseThrow();
                    if (p.outcome().isEmpty()) {
                        assertThat(text).doesNotContain("ballots").doesNotContain("receipt");
                        continue;
                    }
                    List<String> receipts = p.outcome().get().ballots().stream().map(Proceeding.Ballot::receipt).toList();
                    assertThat(receipts).isSorted();
                    assertThat(p.outcome().get().voters()).isSorted();
                    for (String line : text.lines().toList()) {
                        boolean ballotLine = receipts.stream().anyMatch(line::contains);
                        assertThat(ballotLine && voters.stream().anyMatch(v -> line.matches(".*\\b" + v + "\\b.*") && !line.contains("choices")))
                                .as(line).isFalse();
                    }
                }
                String voter = org.moot.engine.access.User.account(c.getAuthorIdent());
                if (c.getFullMessage().contains("vote")) {
                    assertThat(voters).as("a commit made by a voter while voting: " + c.getFullMessage()).doesNotContain(voter);
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aRecallThatPassesRemovesTheRoleAndOneThatFailsKeepsIt() {
        settings("stand-after-days: 0\nvote-after-days: 0\nrecall-percent: 50\nrecall-window-days: 14\nvoting-days: 7\n"
                + "quorum-percent: 50\nrecall-majority-percent: 50\n");
        User mo = member("mo", Role.MODERATOR);
        User ed = member("ed", Role.EDITOR);
        User ann = member("ann");
        User bob = member("bob");
        User cy = member("cy");
        assertThatThrownBy(() -> governance().startRecall(ann, "admin", Role.ADMIN, "x")).hasMessageContaining("recall");
        Proceeding recall = governance().startRecall(ann, "mo", Role.MODERATOR, "Hid comments they disagreed with.");
        // admin, mo, ed, ann, bob, cy may vote: half of six is three signatures.
        assertThat(governance().signaturesNeeded(site.tip(), recall)).isEqualTo(3);
        assertThat(recall.entrants()).extracting(Proceeding.Entrant::name).containsExactly("ann");
        assertThatThrownBy(() -> governance().startRecall(bob, "mo", Role.MODERATOR, "again")).hasMessageContaining("already open");
        governance().sign(bob, recall.number());
        assertThat(record(recall.number()).phase()).isEqualTo(Phase.GATHERING);
        governance().sign(cy, recall.number());
        assertThat(record(recall.number()).phase()).as("the third signature opens the vote").isEqualTo(Phase.VOTING);
        for (User u : List.of(ann, bob, cy, ed)) {
            governance().vote(u, recall.number(), List.of("yes"), "");
        }
        governance().vote(mo, recall.number(), List.of("no"), "");
        // The holder's allies change the rules mid-vote: the vote runs by the rules it opened with.
        settings("stand-after-days: 0\nvote-after-days: 0\nrecall-percent: 50\nrecall-window-days: 14\nvoting-days: 7\n"
                + "quorum-percent: 100\nrecall-majority-percent: 90\n");

        Proceeding second = governance().startRecall(bob, "ed", Role.EDITOR, "Rewrote arguments unfairly.");
        governance().sign(ann, second.number());
        governance().sign(mo, second.number());
        governance().vote(bob, second.number(), List.of("yes"), "");
        for (User u : List.of(ann, cy, mo)) {
            governance().vote(u, second.number(), List.of("no"), "");
        }
        days(7);
        assertThat(record(recall.number()).outcome().orElseThrow().result()).startsWith("passed: mo is no longer moderator");
        assertThat(site.access().roles().current().of("mo")).containsExactly(Role.MEMBER);
        assertThat(record(second.number()).outcome().orElseThrow().result()).startsWith("failed: ed stays editor (1 of 4");
        assertThat(site.access().roles().current().of("ed")).contains(Role.EDITOR);

        // A petition that does not reach its threshold in its window closes with no vote.
        Proceeding alone = governance().startRecall(cy, "ed", Role.EDITOR, "Still unfair.");
        days(14);
        assertThat(record(alone.number()).outcome().orElseThrow().result()).contains("closed with 1 of 3 signatures");
        assertThat(site.access().roles().current().of("ed")).contains(Role.EDITOR);
    }

    @Test
    void aTermExpiresAndItsEmptySeatOpensAByElection() {
        settings("roles:\n  moderator: {seats: 1, term-days: 30}\n");
        assertThat(governance().advance()).isEmpty(); // admin holds the seat
        assertThat(days(29)).isEmpty();
        assertThat(days(2)).containsExactly("ended the term of admin as moderator", "opened Election for 1 moderator seat");
        assertThat(site.access().roles().current().of("admin")).doesNotContain(Role.MODERATOR).contains(Role.ADMIN);
        assertThat(record(1).reason()).isEqualTo("Opened because 1 of 1 seats were empty");
    }

    @Test
    void aDrawByLotIsReRunFromThePublicRecordAndATamperedRecordIsCaught() {
        settings("roles:\n  council: {seats: 2, by: sortition}\nstand-after-days: 0\nnomination-days: 14\n");
        List<User> volunteers = new ArrayList<>();
        for (String name : List.of("ann", "bob", "cy", "dee", "eve")) {
            volunteers.add(member(name));
        }
        assertThat(governance().advance()).containsExactly("opened Draw by lot for 2 council seats");
        volunteers.forEach(v -> governance().volunteer(v, 1));
        member("late");
        days(14);
        Proceeding draw = record(1);
        Proceeding.Outcome out = draw.outcome().orElseThrow();
        assertThat(out.eligible()).containsExactly("ann", "bob", "cy", "dee", "eve");
        assertThat(out.chosen()).hasSize(2).isEqualTo(Sortition.draw(out.seed(), out.eligible(), 2));
        assertThat(site.access().roles().current().holders(Role.COUNCIL)).containsExactlyInAnyOrderElementsOf(out.chosen());

        try (Repo clone = Repo.open(folder.content())) {
            Sortition.Verification check = Sortition.verify(clone, 1);
            assertThat(check.differences()).isEmpty();
            assertThat(check.council()).isEqualTo(out.chosen());

            // Someone rewrites the record so that a friend sits on the council instead.
            String friend = out.eligible().stream().filter(n -> !out.chosen().contains(n)).findFirst().orElseThrow();
            String original = new String(clone.read(clone.blobAt(clone.main().orElseThrow(), Proceeding.path(1)).orElseThrow()), StandardCharsets.UTF_8);
            String yaml = original.replace("chosen:\n- " + out.chosen().get(0), "chosen:\n- " + friend);
            TestRepos.commit(clone, Proceeding.path(1), yaml);
            assertThat(Sortition.verify(clone, 1).differences()).anySatisfy(d -> assertThat(d).startsWith("the record says"));

            // Or leaves out a volunteer who was eligible, and draws again without them: the eligibility is checked too.
            String left = out.chosen().get(0);
            List<String> fewer = out.eligible().stream().filter(n -> !n.equals(left)).toList();
            String redrawn = original.replace("eligible:\n- " + String.join("\n- ", out.eligible()), "eligible:\n- " + String.join("\n- ", fewer))
                    .replace("chosen:\n- " + String.join("\n- ", out.chosen()), "chosen:\n- " + String.join("\n- ", Sortition.draw(out.seed(), fewer, 2)));
            TestRepos.commit(clone, Proceeding.path(1), redrawn);
            assertThat(Sortition.verify(clone, 1).differences()).anySatisfy(d -> assertThat(d).startsWith("the record's eligible volunteers are"));
            TestRepos.commit(clone, Proceeding.path(1), original);
            assertThat(Sortition.verify(clone, 1).differences()).as("the record as it was").isEmpty();
        }
    }

    @Test
    void aStrawPollCountsEachMemberOnceAndSurvivesARestart() {
        settings("vote-after-days: 0\npoll-branch-minimum: 2\n");
        User editor = member("ed", Role.EDITOR);
        User ann = member("ann");
        User bob = member("bob");
        site.access().updateProfile("ann", "ann", new org.moot.engine.access.Account.Profile("", List.of(), List.of(), "Leeds", false));
        site.access().updateProfile("bob", "bob", new org.moot.engine.access.Account.Profile("", List.of(), List.of(), "Leeds", false));
        assertThatThrownBy(() -> governance().startPoll(ann, "index", "Agree?", Scale.SUPPORT, 7)).hasMessageContaining("editors");
        assertThatThrownBy(() -> governance().startPoll(editor, "proposal:7", "Agree?", Scale.SUPPORT, 7)).hasMessageContaining("no proposal 7");
        assertThatThrownBy(() -> governance().startPoll(editor, "../x", "Agree?", Scale.SUPPORT, 7)).isInstanceOf(IllegalArgumentException.class);
        Proceeding poll = governance().startPoll(editor, "index", "Should we adopt this direction?", Scale.SUPPORT, 7);
        int n = poll.number();
        governance().vote(ann, n, List.of("support"), "It is fair.");
        governance().vote(ann, n, List.of("oppose"), "On reflection, too costly.");
        assertThat(governance().ballotOf(ann, n).orElseThrow().choices()).containsExactly("oppose");
        assertThatThrownBy(() -> governance().vote(bob, n, List.of("support", "oppose"), "")).hasMessageContaining("choose one");

        site.close(); // a restart in the middle of voting
        open();
        governance().vote(bob, n, List.of("support"), "");
        assertThat(governance().ballotsCast(record(n))).isEqualTo(2);
        assertThat(record(n).toYaml()).as("no running count in the record").doesNotContain("counts");

        days(7);
        Proceeding.Outcome out = record(n).outcome().orElseThrow();
        assertThat(out.voters()).containsExactly("ann", "bob");
        assertThat(out.counts()).containsExactly(Map.entry("support", 1), Map.entry("oppose", 1), Map.entry("abstain", 0));
        assertThat(out.byBranch()).containsEntry("Leeds", Map.of("support", 1, "oppose", 1, "abstain", 0));
        assertThat(out.ballots()).extracting(Proceeding.Ballot::reason).contains("On reflection, too costly.");
        assertThatThrownBy(() -> governance().vote(bob, n, List.of("oppose"), "")).hasMessageContaining("closed");
        assertNoFileLinksAVoterToAChoice(List.of("ann", "bob"));
    }

    @Test
    void newMembersWaitTheSetDaysBeforeTheyVoteOrStand() {
        settings("vote-after-days: 7\nstand-after-days: 30\n");
        User ed = member("ed", Role.EDITOR);
        User ann = member("ann");
        int n = governance().startPoll(ed, "index", "Agree?", Scale.FIVE, 30).number();
        assertThatThrownBy(() -> governance().vote(ann, n, List.of("4"), "")).hasMessageContaining("members for 7 days");
        clock.pass(Duration.ofDays(8));
        assertThat(governance().vote(ann, n, List.of("4"), "").choices()).containsExactly("4");
        assertThat(governance().whyNotStand(ann, site.tip(), record(n))).contains("members may stand or volunteer once they have been members for 30 days");
    }

    @Test
    void governanceSettingsNameTheLineOfEachProblem() {
        var read = GovernanceSettings.read("roles:\n  admin: {seats: 2}\n  moderator: {seats: 500, by: lottery}\nquorum-percent: 120\n");
        assertThat(read.problems()).extracting(v -> v.line() + ": " + v.message()).containsExactly(
                "2: 'admin' is not a role members fill; they fill moderator, council, editor and fact-checker",
                "3: 'moderator.by' must be election or sortition",
                "3: 'seats' must be a whole number from 1 to 99",
                "4: 'quorum-percent' must be a whole number from 0 to 100");
    }

    @Test
    void theDemosPastElectionRecountsFromItsPublishedBallots() {
        SiteFolder demo = SiteFolder.create(tmp.resolve("demo"), false, TestRepos.ADMIN_PASSWORD);
        try (Site d = Site.open(demo, Site.Config.COMMAND)) {
            Proceeding election = d.governance().get(d.tip(), 1).orElseThrow();
            Proceeding.Outcome out = election.outcome().orElseThrow();
            assertThat(Tally.counts(election, out.ballots())).isEqualTo(out.counts());
            assertThat(out.chosen()).containsExactly("priya", "tom");
            assertThat(d.access().roles().current().holders(Role.MODERATOR)).contains("priya", "tom");
            assertThat(d.governance().get(d.tip(), 2).orElseThrow().phase()).isEqualTo(Phase.VOTING);
            assertThat(d.governance().settings(d.tip()).seats(Role.COUNCIL).orElseThrow().method())
                    .isEqualTo(GovernanceSettings.Method.SORTITION);
        }
    }

    @Test
    void aSeatGoesOnlyToAMemberWhoDoesNotHoldItAndNeverBeyondTheSeats() {
        settings("roles:\n  moderator: {seats: 3}\nstand-after-days: 0\nvote-after-days: 0\nquorum-percent: 0\n");
        User ann = member("ann");
        User bob = member("bob");
        User mo = member("mo", Role.MODERATOR);
        member("zed");
        assertThat(governance().advance()).containsExactly("opened Election for 1 moderator seat"); // admin and mo hold two
        assertThatThrownBy(() -> governance().nominate(mo, 1, "Again.")).hasMessageContaining("you hold this role already");
        governance().nominate(ann, 1, "Me.");
        governance().nominate(bob, 1, "Me too.");
        days(7);
        governance().vote(ann, 1, List.of("bob"), "");
        governance().vote(mo, 1, List.of("bob"), "");
        governance().vote(bob, 1, List.of("ann"), "");
        // Meanwhile an admin removes bob, and fills the empty seat by hand.
        site.access().setRoles(admin, "bob", Set.of(), "Removed for abuse");
        site.access().setRoles(admin, "zed", EnumSet.of(Role.MEMBER, Role.MODERATOR), "Appointed");
        days(7);
        Proceeding.Outcome out = record(1).outcome().orElseThrow();
        assertThat(out.chosen()).isEmpty();
        assertThat(out.result()).contains("bob could not take a seat").contains("1 of the seats were filled meanwhile");
        assertThat(out.voters()).as("bob's ballot no longer counts").containsExactly("ann", "mo");
        assertThat(site.access().roles().current().of("bob")).isEmpty();
        assertThat(site.access().roles().current().holders(Role.MODERATOR)).containsExactlyInAnyOrder("admin", "mo", "zed");
    }

    @Test
    void aFileOfTheRecordThatCannotBeReadIsReportedAndStopsNewElections() {
        settings("roles:\n  moderator: {seats: 5}\n");
        try (Repo repo = Repo.open(folder.content())) {
            TestRepos.commit(repo, Proceeding.path(9), "type: election\nphase: gathering\nscale: candidates\ncandidates:\n- \n");
        }
        assertThat(governance().all(site.tip())).isEmpty();
        assertThat(governance().unreadable(site.tip())).containsOnlyKeys(Proceeding.path(9));
        assertThat(governance().advance()).containsExactly("not opening elections or draws: part of the record cannot be read, see /governance");
        assertThat(governance().get(site.tip(), 9)).isEmpty();
    }

    @Test
    void aRecordOfThousandsOfBallotsAndLongStatementsReadsBack() {
        List<Proceeding.Entrant> candidates = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            candidates.add(new Proceeding.Entrant("candidate-" + i, "x".repeat(Governance.MAX_STATEMENT)));
        }
        List<Proceeding.Ballot> ballots = new ArrayList<>();
        List<String> voters = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            ballots.add(new Proceeding.Ballot(String.format("r%015d", i), List.of("candidate-" + (i % 40)), ""));
            voters.add(String.format("voter-%05d", i));
        }
        Proceeding p = new Proceeding(7, Type.ELECTION, Phase.CLOSED, "Big", java.util.Optional.of(Role.MODERATOR), 3, "",
                Scale.CANDIDATES, "", "site", Instant.EPOCH, Instant.EPOCH, Instant.EPOCH,
                Proceeding.Rules.of(GovernanceSettings.DEFAULT), candidates,
                java.util.Optional.of(new Proceeding.Outcome(Instant.EPOCH, "done", voters, ballots, Map.of("candidate-0", 125),
                        List.of("candidate-0"), "", List.of(), Map.of())));
        String yaml = p.toYaml();
        assertThat(yaml.length()).isGreaterThan(300_000);
        assertThat(Proceeding.read(7, yaml).proceeding()).contains(p);
    }

    @Test
    void whatMembersWriteIsOneCleanLineWhereALineIsAsked() {
        settings("vote-after-days: 0\n");
        User ed = member("ed", Role.EDITOR);
        Proceeding poll = governance().startPoll(ed, "index", "Agree?\n\nApproved-by: admin\u202Eevil", Scale.SUPPORT, 7);
        assertThat(poll.title()).isEqualTo("Agree? Approved-by: adminevil");
        assertThat(site.access().roles().record(site.tip()).changes()).isNotNull();
    }

    @Test
    void countsByBranchNeverLeaveTheBallotsOutsideThemFewerThanTheMinimum() {
        Proceeding poll = new Proceeding(1, Type.POLL, Phase.VOTING, "Q", java.util.Optional.empty(), 0, "", Scale.SUPPORT, "", "ed",
                Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, new Proceeding.Rules(0, 0, 7, 0, 10, 50, 2), List.of(), java.util.Optional.empty());
        Map<String, BallotBox.Cast> box = new java.util.TreeMap<>();
        box.put("a", new BallotBox.Cast("1", List.of("support"), "", "", "Leeds"));
        box.put("b", new BallotBox.Cast("2", List.of("support"), "", "", "Leeds"));
        box.put("c", new BallotBox.Cast("3", List.of("oppose"), "", "", "York"));
        box.put("d", new BallotBox.Cast("4", List.of("oppose"), "", "", "York"));
        box.put("e", new BallotBox.Cast("5", List.of("oppose"), "", "", "York"));
        assertThat(Tally.byBranch(poll, box)).containsOnlyKeys("Leeds", "York");
        box.put("f", new BallotBox.Cast("6", List.of("abstain"), "", "", ""));
        // One ballot outside the branches would be the totals less the branches: the smallest branch joins it.
        assertThat(Tally.byBranch(poll, box)).containsOnlyKeys("York");
    }

    @Test
    void aDrawFillsOnlyTheSeatsStillEmptyFromVolunteersWhoDoNotHoldTheRoleAndCatchesAForgedVolunteer() {
        settings("roles:\n  council: {seats: 2, by: sortition}\nstand-after-days: 0\nnomination-days: 14\n");
        List<User> volunteers = new ArrayList<>();
        for (String name : List.of("ann", "bob", "cy", "dee")) {
            volunteers.add(member(name));
        }
        member("hank");
        governance().advance();
        volunteers.forEach(v -> governance().volunteer(v, 1));
        // Meanwhile an admin seats ann by hand, and someone writes hank into the volunteers in their own commit.
        site.access().setRoles(admin, "ann", EnumSet.of(Role.MEMBER, Role.COUNCIL), "Appointed by hand");
        try (Repo repo = Repo.open(folder.content())) {
            String text = new String(repo.read(repo.blobAt(repo.main().orElseThrow(), Proceeding.path(1)).orElseThrow()), StandardCharsets.UTF_8);
            TestRepos.commit(repo, Proceeding.path(1), text.replace("volunteers:\n", "volunteers:\n- name: hank\n"));
        }
        days(14);
        Proceeding.Outcome out = record(1).outcome().orElseThrow();
        assertThat(out.eligible()).doesNotContain("ann").contains("hank");
        assertThat(out.chosen()).hasSize(1);
        assertThat(site.access().roles().current().holders(Role.COUNCIL)).hasSize(2).contains("ann");
        try (Repo clone = Repo.open(folder.content())) {
            assertThat(Sortition.verify(clone, 1).differences()).singleElement().asString()
                    .startsWith("hank was added to the volunteers in").contains("by tess@example.org, not by hank");

            // A seed written in capitals would change every ticket: only the id as the site writes it is the seed.
            String text = new String(clone.read(clone.blobAt(clone.main().orElseThrow(), Proceeding.path(1)).orElseThrow()), StandardCharsets.UTF_8);
            TestRepos.commit(clone, Proceeding.path(1), text.replace(out.seed(), out.seed().toUpperCase(java.util.Locale.ROOT)));
            assertThat(Sortition.verify(clone, 1).differences()).anySatisfy(d -> assertThat(d).contains("is not a commit on main"));
        }
    }
}
