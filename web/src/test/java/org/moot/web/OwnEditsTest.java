package org.moot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moot.engine.access.Role;
import org.moot.engine.access.User;
import org.moot.engine.edit.EditOutcome;
import org.moot.engine.edit.EditRequest;
import org.moot.schema.PageId;

/**
 * A save that ended in a conflict is its owner's unfinished work, not a proposal: it is listed on
 * their page (not in {@code /proposals}), and they resolve it or abandon it. The lists follow
 * every change, whoever made it, without a restart.
 */
class OwnEditsTest {

    @TempDir
    Path tmp;
    TestServer moot;
    WebClient editor;
    WebClient member;

    @BeforeEach
    void start() {
        moot = new TestServer(tmp);
        editor = moot.signedIn("ed", "Ed Itor", Set.of(Role.MEMBER, Role.EDITOR));
        member = moot.signedIn("mo", "Mo Member", Set.of(Role.MEMBER));
    }

    @AfterEach
    void stop() {
        moot.close();
    }

    private User user(String name) {
        return moot.site.access().user(name).orElseThrow();
    }

    private String text(String page) {
        return new String(moot.site.pages().raw(PageId.of(page), Optional.empty()).orElseThrow(), StandardCharsets.UTF_8);
    }

    private String main() {
        return moot.site.pages().graph(Optional.empty()).snapshot().revision();
    }

    /** A save without a base revision on a page that exists: a 409 that keeps the text on its branch. */
    private int overwrite(String who, String page, String line) {
        var outcome = moot.site.edits().save(user(who), EditRequest.of(PageId.of(page), text(page) + "\n" + line + "\n",
                Optional.empty(), line));
        assertThat(outcome).isInstanceOf(EditOutcome.Conflicted.class);
        return ((EditOutcome.Conflicted) outcome).number();
    }

    private int propose(String who, String page, String line) {
        var outcome = moot.site.edits().save(user(who), EditRequest.of(PageId.of(page), text(page) + "\n" + line + "\n",
                Optional.of(main()), line));
        assertThat(outcome).isInstanceOf(EditOutcome.Proposed.class);
        return ((EditOutcome.Proposed) outcome).number();
    }

    /** The numbers {@code /proposals} lists, read from its links, as an anonymous reader sees them. */
    private Set<Integer> listed() {
        var page = moot.get("/proposals");
        assertThat(page.statusCode()).isEqualTo(200);
        Set<Integer> out = new TreeSet<>();
        Matcher m = Pattern.compile("href=\"/proposals/(\\d+)\"").matcher(page.body());
        while (m.find()) {
            out.add(Integer.parseInt(m.group(1)));
        }
        return out;
    }

    @Test
    void aConflictIsListedForItsOwnerWhoResolvesIt() {
        int conflict = overwrite("mo", "health", "Mo adds a line");
        int proposal = propose("mo", "housing", "Mo proposes");

        assertThat(listed()).contains(proposal).doesNotContain(conflict);
        String own = member.get("/members/mo").body();
        assertThat(own).contains("Unfinished edits").contains("href=\"/proposals/" + conflict + "\"").contains("Resolve");
        assertThat(moot.get("/proposals/" + conflict).body()).contains("Unfinished edit " + conflict).contains("Mo adds a line");

        // Resolving: Mo saves again on the same branch, from its tip; a member's resolved edit becomes a proposal.
        String draft = moot.site.edits().draft(conflict, PageId.of("health")).orElseThrow().revision();
        var resolved = moot.site.edits().save(user("mo"), new EditRequest(PageId.of("health"),
                Optional.of(text("health") + "\nMo adds a line, resolved\n"), Optional.of(draft), "Resolved", OptionalInt.of(conflict)));
        assertThat(resolved).isInstanceOf(EditOutcome.Proposed.class);
        assertThat(listed()).contains(proposal, conflict);
    }

    @Test
    void theOwnerAbandonsUnfinishedWorkWhichStaysReadableInTheArchive() throws Exception {
        int conflict = overwrite("mo", "health", "Mo gives up a line");
        assertThat(editor.submit("/proposals/" + conflict, "/proposals/" + conflict + "/abandon", Map.of()).statusCode())
                .isEqualTo(403);

        var abandoned = member.submit("/members/mo", "/proposals/" + conflict + "/abandon", Map.of());
        assertThat(abandoned.statusCode()).isEqualTo(303);
        assertThat(member.get(abandoned.headers().firstValue("Location").orElseThrow()).body())
                .contains("Abandoned.").contains("Mo gives up a line");
        assertThat(member.get("/members/mo").body()).contains("abandoned").doesNotContain("Unfinished edits");
        assertThat(listed()).doesNotContain(conflict);
        assertThat(git("log", "-1", "--format=%B", "refs/archive/edit/mo/" + conflict)).contains("Moot-Closed: abandoned");
        assertThat(git("show", "refs/archive/edit/mo/" + conflict + ":health/index.md")).contains("Mo gives up a line");

        // The same through the JSON API, signed with a token.
        String token = moot.userAdd("pat", "member").get(1);
        int another = overwrite("pat", "housing", "Pat gives up too");
        var api = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(moot.url("/api/edits/" + another + "/abandon")))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(("pat:" + token).getBytes(StandardCharsets.UTF_8)))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).as(api.body()).isEqualTo(200);
        assertThat(api.body()).contains("\"state\":\"abandoned\"");
        assertThat(moot.site.proposals().find(another).orElseThrow().state().name()).isEqualTo("ABANDONED");
    }

    @Test
    void aDeclineReasonIsStoredAsDataAndReadBack() {
        int n = propose("mo", "health", "Livelier");
        String reason = "Declined: not this way.\n\nMoot-Closed: abandoned\n\nWe keep it neutral.";
        assertThat(editor.submit("/proposals/" + n, "/proposals/" + n + "/decline", Map.of("reason", reason)).statusCode())
                .isEqualTo(303);
        String message = git("log", "-1", "--format=%B", "refs/archive/edit/mo/" + n);
        assertThat(message).contains("Moot-Closed: declined\nMoot-Reason: \"Declined: not this way.\\n\\nMoot-Closed: abandoned");
        assertThat(moot.site.proposals().find(n).orElseThrow().declinedBecause()).isEqualTo(reason);
        assertThat(moot.site.proposals().find(n).orElseThrow().state().name()).isEqualTo("DECLINED");
    }

    @Test
    void theListsFollowEveryChangeWithoutARestart() throws Exception {
        assertThat(listed()).isEmpty();
        int first = propose("mo", "health", "One");
        assertThat(listed()).containsExactly(first);
        assertThat(member.get("/members/mo").body()).contains("href=\"/proposals/" + first + "\"");

        int second = propose("mo", "housing", "Two");
        assertThat(editor.submit("/proposals/" + first, "/proposals/" + first + "/accept", Map.of()).statusCode()).isEqualTo(303);
        assertThat(listed()).containsExactly(second);
        assertThat(editor.submit("/proposals/" + second, "/proposals/" + second + "/decline", Map.of("reason", "No.")).statusCode())
                .isEqualTo(303);
        assertThat(listed()).isEmpty();
        assertThat(member.get("/members/mo").body()).contains("Declined: No.");

        // Another process makes an edit branch (a script with the repository): seen within a rescan, no restart.
        String tip = git("rev-parse", "main").strip();
        String tree = git("rev-parse", "refs/archive/edit/mo/" + second + "^{tree}").strip();
        String commit = git("commit-tree", "-p", tip, "-m", "From elsewhere", tree).strip();
        git("update-ref", "refs/heads/edit/mo/900", commit);
        for (int i = 0; i < 100 && !listed().contains(900); i++) {
            Thread.sleep(100);
        }
        assertThat(listed()).containsExactly(900);
        assertThat(moot.get("/proposals").body()).contains("From elsewhere");
        assertThat(moot.get("/members/mo").body()).contains("From elsewhere");
    }

    @Test
    void withHundredsOfBranchesTheListHoldsExactlyTheOpenProposals() {
        Set<Integer> proposals = new TreeSet<>();
        String[] pages = {"health", "housing", "education"};
        for (int i = 0; i < 300; i++) {
            String page = pages[i % pages.length];
            if (i % 3 == 0) {
                proposals.add(propose("mo", page, "proposal " + i));
            } else {
                overwrite(i % 2 == 0 ? "mo" : "ed", page, "conflict " + i);
            }
        }
        assertThat(listed()).isEqualTo(proposals);
        int declined = proposals.iterator().next();
        moot.site.proposals().decline(user("ed"), declined, "Not now.");
        proposals.remove(declined);
        assertThat(listed()).isEqualTo(proposals);
    }

    /** The real {@code git} command on the site's repository, as another process would run it. */
    private String git(String... args) {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("git", "--git-dir=" + moot.folder.content(),
                "-c", "user.name=Script", "-c", "user.email=script@example.org"));
        command.addAll(java.util.List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(out).isEqualTo(0);
            return out;
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
