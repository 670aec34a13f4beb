package org.moot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moot.engine.access.Role;
import java.util.Optional;
import org.moot.engine.access.Access;
import org.moot.engine.git.ChangeSource;
import org.moot.engine.git.MainWriter;
import org.moot.engine.git.Origin;
import org.moot.engine.git.Repo;
import org.moot.engine.talk.WordFilter;

/** Discussions on a real server: comment, reply, report, hide in the open, review; the word filter. */
class TalkTest {

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

    @Test
    void aReportedCommentIsHiddenByAModeratorInTheOpenLogAndInGit() throws Exception {
        WebClient ann = moot.signedIn("ann", "Ann <b>A</b>", Set.of(Role.MEMBER));
        WebClient bob = moot.signedIn("bob", "Bob", Set.of(Role.MEMBER));
        WebClient mo = moot.signedIn("mo", "Mo", Set.of(Role.MODERATOR));

        var posted = ann.submit("/talk/health", "/talk/health", Map.of("action", "comment",
                "text", "Clinics **now**. <script>alert(1)</script><img src=x onerror=alert(2)>"));
        assertThat(posted.statusCode()).isEqualTo(303);
        assertThat(posted.headers().firstValue("Location").orElse("")).endsWith("/talk/health#c1");
        bob.submit("/talk/health", "/talk/health", Map.of("action", "comment", "text", "Agreed.", "replies-to", "1"));

        String thread = new WebClient(moot).get("/talk/health").body();
        assertThat(thread).contains("<strong>now</strong>").contains("in reply to <a href=\"#c1\">#1</a>")
                .doesNotContain("<script>alert").doesNotContain("onerror").doesNotContain("<b>A</b>");
        assertThat(new WebClient(moot).get("/wiki/health").body()).contains("Discussion (2)");

        assertThat(bob.submit("/talk/health?report=1", "/talk/health", Map.of("action", "report", "comment", "1",
                "reason", "spam", "note", "an advert")).statusCode()).isEqualTo(303);
        assertThat(mo.get("/moderation/queue").body()).contains("spam or advertising").contains("an advert");
        assertThat(bob.get("/moderation/queue").statusCode()).isEqualTo(403);
        assertThat(bob.submit("/talk/health", "/talk/health", Map.of("action", "hide", "comment", "1", "reason", "no"))
                .statusCode()).isEqualTo(403);

        assertThat(mo.submit("/moderation/queue", "/talk/health", Map.of("action", "hide", "comment", "1",
                "reason", "looks like an advert", "return", "/moderation/queue")).statusCode()).isEqualTo(303);
        String hidden = new WebClient(moot).get("/talk/health").body();
        assertThat(hidden).contains("Hidden by <a href=\"/members/mo\">mo</a>").contains("looks like an advert")
                .doesNotContain("Clinics");
        // Each writer sees on their own page what became of their comment.
        assertThat(new WebClient(moot).get("/members/ann").body()).contains("Comments and disputes")
                .contains("<a href=\"/talk/health#c1\">On health</a>").contains("hidden")
                .contains("By <a href=\"/members/mo\">mo</a>: looks like an advert");
        assertThat(new WebClient(moot).get("/members/bob").body()).contains("<a href=\"/talk/health#c2\">On health</a>")
                .contains("<span class=\"status\">shown</span>");
        String log = new WebClient(moot).get("/moderation").body();
        assertThat(log).contains("hid").contains("reported").contains("looks like an advert").contains("/talk/health#c1");
        assertThat(new WebClient(moot).get("/moderation.atom").body()).contains("<title>mo hid comment 1 on health</title>");

        // It is all in Git, for every clone and mirror to see.
        Path clone = tmp.resolve("clone");
        assertThat(GitCli.run(tmp, tmp, "Tess", "tess@example.org", "clone", "-q", moot.url("/git/content.git"), clone.toString())
                .exit()).isZero();
        assertThat(java.nio.file.Files.readString(clone.resolve("talk/pages/health/1.md"))).contains("hidden-by: mo").contains("Clinics");
        try (var acts = java.nio.file.Files.list(clone.resolve(".moot/moderation"))) {
            assertThat(acts.count()).isEqualTo(3 + 2); // the demo's three acts, and these two
        }

        assertThat(ann.submit("/talk/health", "/talk/health", Map.of("action", "review", "comment", "1",
                "reason", "it was not an advert")).statusCode()).isEqualTo(303);
        assertThat(mo.get("/moderation/queue").body()).contains("it was not an advert");
    }

    @Test
    void aMovedPageKeepsItsDiscussion() {
        String from = "housing/social-housing/damp-and-health";
        String to = "housing/social-housing/damp-and-wellbeing";
        WebClient ann = moot.signedIn("ann", "Ann", Set.of(Role.MEMBER));
        WebClient ed = moot.signedIn("ed", "Ed", Set.of(Role.EDITOR, Role.MODERATOR));
        ann.submit("/talk/" + from, "/talk/" + from, Map.of("action", "comment", "text", "Before the move."));
        int before = Integer.parseInt(new WebClient(moot).get("/wiki/" + from).body().replaceAll("(?s).*Discussion \\((\\d+)\\).*", "$1"));

        String editor = ed.get("/edit/" + from).body();
        String base = WebClient.field(editor, "base");
        Map<String, String> form = new java.util.LinkedHashMap<>(Map.of("id", from, "base", base, "edit", "",
                "raw", ed.get("/raw/" + from + "?rev=" + base).body(), "summary", "Rename", "action", "save", "move-to", to));
        assertThat(ed.submit("/edit/" + from, "/edit/" + from, form).statusCode()).isEqualTo(303);

        assertThat(new WebClient(moot).get("/wiki/" + to).body()).contains("Discussion (" + before + ")");
        var old = new WebClient(moot).get("/talk/" + from);
        assertThat(old.statusCode()).isEqualTo(301);
        assertThat(old.headers().firstValue("Location")).hasValue("/talk/" + to);
        String thread = new WebClient(moot).get("/talk/" + to).body();
        assertThat(thread).contains("Before the move.");
        int n = before; // Ann's comment is the last one on the old thread
        // New comments carry on the numbering; an old comment is acted on through the new id, where it was written.
        var after = ann.submit("/talk/" + to, "/talk/" + to, Map.of("action", "comment", "text", "After the move."));
        assertThat(after.headers().firstValue("Location").orElse("")).endsWith("/talk/" + to + "#c" + (n + 1));
        assertThat(ed.submit("/talk/" + to, "/talk/" + to, Map.of("action", "hide", "comment", String.valueOf(n),
                "reason", "off topic")).statusCode()).isEqualTo(303);
        assertThat(new WebClient(moot).get("/talk/" + to).body()).contains("off topic").doesNotContain("Before the move.")
                .contains("After the move.");
        assertThat(new WebClient(moot).get("/members/ann").body()).contains("hidden").contains("On " + to);
        // Onto an id that had a thread of its own (the old id, whose comments stay where they were written),
        // another page cannot move: the two threads would number alike.
        String other = "housing/social-housing/council-house-building";
        String otherBase = WebClient.field(ed.get("/edit/" + other).body(), "base");
        var refused = ed.submit("/edit/" + other, "/edit/" + other, new java.util.LinkedHashMap<>(Map.of("id", other,
                "base", otherBase, "edit", "", "raw", ed.get("/raw/" + other + "?rev=" + otherBase).body(), "summary", "Take the id",
                "action", "save", "move-to", from)));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("once had a discussion of its own; choose another id to move to");
        // The page itself may move back to its old id: one thread, numbered on; and a comment posted to the old address lands there.
        String backBase = WebClient.field(ed.get("/edit/" + to).body(), "base");
        assertThat(ed.submit("/edit/" + to, "/edit/" + to, new java.util.LinkedHashMap<>(Map.of("id", to, "base", backBase, "edit", "",
                "raw", ed.get("/raw/" + to + "?rev=" + backBase).body(), "summary", "Back again", "action", "save", "move-to", from)))
                .statusCode()).isEqualTo(303);
        assertThat(new WebClient(moot).get("/talk/" + from).body()).contains("After the move.").contains("off topic");
        assertThat(ann.submit("/talk/" + from, "/talk/" + to, Map.of("action", "comment", "text", "Via the old address."))
                .headers().firstValue("Location").orElse("")).endsWith("/talk/" + from + "#c" + (n + 2));
        String homeBase = WebClient.field(ed.get("/edit/index").body(), "base");
        var home = ed.submit("/edit/index", "/edit/index", new java.util.LinkedHashMap<>(Map.of("id", "index", "base", homeBase,
                "edit", "", "raw", ed.get("/raw/index?rev=" + homeBase).body(), "summary", "Move home", "action", "save",
                "move-to", "welcome")));
        assertThat(home.statusCode()).isEqualTo(400);
        assertThat(home.body()).contains("the home page stays at the top of the site");
    }

    @Test
    void aFilteredWordHoldsACommentBackForAModerator() {
        // Admins change .moot/ by push; here another process commits it, as a push would.
        try (Repo repo = Repo.open(moot.site.folder().content())) {
            new MainWriter(repo).commit(Origin.site(ChangeSource.SETTINGS), tip -> Optional.of(new MainWriter.Change(
                    Map.of(WordFilter.PATH, "hold:\n  - frobnicate\n".getBytes(StandardCharsets.UTF_8)), Access.site(), "Hold back one word")));
        }
        WebClient ann = moot.signedIn("ann", "Ann", Set.of(Role.MEMBER));
        WebClient mo = moot.signedIn("mo", "Mo", Set.of(Role.MODERATOR));

        var held = ann.submit("/talk/health", "/talk/health", Map.of("action", "comment", "text", "Let us Frobnicate."));
        assertThat(held.headers().firstValue("Location").orElse("")).contains("done=held");
        assertThat(new WebClient(moot).get("/talk/health").body()).doesNotContain("Frobnicate").contains("0 comments");
        assertThat(new WebClient(moot).get("/moderation").body()).contains("held back for a moderator");
        String queue = mo.get("/moderation/queue").body();
        assertThat(queue).contains("Let us Frobnicate.").contains("holds “frobnicate”");

        assertThat(mo.submit("/moderation/queue", "/moderation/held/1", Map.of("action", "release", "reason", "harmless"))
                .statusCode()).isEqualTo(303);
        assertThat(new WebClient(moot).get("/talk/health").body()).contains("Let us Frobnicate.");
        assertThat(mo.get("/moderation/queue").body()).contains("Nothing held back.");
    }

    @Test
    void aDisputedFactSaysSoWhereverItIsShownUntilAFactCheckerResolvesIt() {
        WebClient ann = moot.signedIn("ann", "Ann", Set.of(Role.MEMBER));
        WebClient fay = moot.signedIn("fay", "Fay", Set.of(Role.FACT_CHECKER));
        String fact = "/wiki/housing/facts/social-housing-waiting-list";
        String user = "/wiki/housing/social-housing/arguments/for-council-homes-waiting-list";
        assertThat(new WebClient(moot).get(fact).body()).contains("Strength:").contains("Used or linked from")
                .contains("for-council-homes-waiting-list");
        assertThat(new WebClient(moot).get(user).body()).doesNotContain("(disputed)");

        var disputed = ann.submit(fact, "/talk/housing/facts/social-housing-waiting-list", Map.of("action", "dispute",
                "text", "The register was cleaned in 2026: it is lower now.", "better-source", "https://example.org/register-2026"));
        assertThat(disputed.headers().firstValue("Location").orElse("")).endsWith("#c1");
        assertThat(new WebClient(moot).get(user).body()).contains("class=\"fact-disputed\"").contains("(disputed)");
        assertThat(new WebClient(moot).get(fact).body()).contains("This figure is disputed");
        assertThat(new WebClient(moot).get("/facts").body()).contains("social-housing-waiting-list\">disputed</a>");
        assertThat(ann.submit("/talk/housing/facts/social-housing-waiting-list", "/talk/housing/facts/social-housing-waiting-list",
                Map.of("action", "resolve", "comment", "1", "outcome", "rejected", "reason", "no")).statusCode()).isEqualTo(403);

        assertThat(fay.submit("/talk/housing/facts/social-housing-waiting-list", "/talk/housing/facts/social-housing-waiting-list",
                Map.of("action", "resolve", "comment", "1", "outcome", "corrected", "reason", "Updated to the 2026 register."))
                .statusCode()).isEqualTo(303);
        assertThat(new WebClient(moot).get(user).body()).doesNotContain("(disputed)");
        assertThat(new WebClient(moot).get("/talk/housing/facts/social-housing-waiting-list").body())
                .contains("dispute corrected").contains("Updated to the 2026 register.").contains("https://example.org/register-2026");
        assertThat(new WebClient(moot).get("/moderation").body()).contains("resolved the dispute in")
                .contains("Updated to the 2026 register.").contains("/talk/housing/facts/social-housing-waiting-list#c1");
    }
}
