package org.moot.engine.talk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moot.engine.TestRepos;
import org.moot.engine.access.Access;
import org.moot.engine.access.Accounts;
import org.moot.engine.access.Permissions;
import org.moot.engine.access.Role;
import org.moot.engine.access.User;
import org.moot.engine.git.MainWriter;
import org.moot.engine.git.Repo;
import org.moot.engine.git.Snapshot;
import org.moot.engine.graph.SiteGraphs;
import org.moot.schema.PageId;

/** Discussions and their moderation on a real repository: every comment and every act is a file on main. */
class DiscussionsTest {

    @TempDir
    Path tmp;

    private static final User ANN = new User("ann", "Ann", Set.of(Role.MEMBER));
    private static final User BOB = new User("bob", "Bob", Set.of(Role.MEMBER));
    private static final User MO = new User("mo", "Mo", Set.of(Role.MODERATOR));
    private static final User MAX = new User("max", "Max", Set.of(Role.MODERATOR));
    private static final PageId HEALTH = PageId.of("health");

    private Discussions discussions(Repo repo) {
        return new Discussions(repo, new MainWriter(repo), new SiteGraphs(repo, 1 << 20), new Permissions(), tmp.resolve("held"));
    }

    private Repo site() {
        return TestRepos.repo(tmp, "index.md", "---\ntitle: Home\n---\nWelcome.\n",
                "health/index.md", "---\ntitle: Health\n---\nWaiting lists are **too long** in rural areas.\n",
                "health/gp.md", "---\ntitle: GPs\n---\nFamily doctors.\n",
                "health/gp-patients.md", "---\ntitle: Patients per GP\nkind: fact\nvalue: 2140\nunit: patients\nas-of: 2025-03-31\n"
                        + "sources:\n  - {title: Stats, url: https://example.org/s, type: official-statistics}\n---\nPatients per GP.\n");
    }

    @Test
    void threadsAreFilesOnMainWithRepliesAndQuotes() {
        try (Repo repo = site()) {
            Discussions talk = discussions(repo);
            talk.post(ANN, HEALTH, "Rural areas need *more* clinics.", Optional.empty(), Optional.of("Waiting lists are too   long"));
            talk.post(BOB, HEALTH, "Or better buses.", Optional.of(1), Optional.empty());
            talk.post(BOB, PageId.of("health/gp"), "A comment on the page below.", Optional.empty(), Optional.empty());
            talk.post(ANN, PageId.HOME, "Hello.", Optional.empty(), Optional.empty());

            Snapshot tip = repo.main().orElseThrow();
            assertThat(talk.comments(tip, HEALTH)).extracting(Comment::number, Comment::author, Comment::repliesTo)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "ann", Optional.empty()),
                            org.assertj.core.groups.Tuple.tuple(2, "bob", Optional.of(1)));
            assertThat(talk.comments(tip, HEALTH).get(0).quote()).contains("Waiting lists are too long");
            assertThat(talk.count(tip, HEALTH)).isEqualTo(2); // the sub-page's comment is its own
            assertThat(talk.count(tip, PageId.HOME)).isEqualTo(1);
            assertThat(new String(repo.read(repo.blobAt(tip, "talk/pages/health/1.md").orElseThrow()), StandardCharsets.UTF_8))
                    .contains("author: ann").contains("Rural areas need *more* clinics.");
            assertThat(repo.blobAt(tip, "talk/pages/health/gp/1.md")).isPresent();

            assertThatThrownBy(() -> talk.post(ANN, HEALTH, "x", Optional.of(9), Optional.empty())).isInstanceOf(
                    org.moot.engine.git.NotFoundException.class);
            assertThatThrownBy(() -> talk.post(ANN, HEALTH, "x", Optional.empty(), Optional.of("not on the page")))
                    .isInstanceOf(Accounts.Refused.class);
            assertThatThrownBy(() -> talk.post(ANN, HEALTH, "x".repeat(Discussions.MAX_CHARS + 1), Optional.empty(), Optional.empty()))
                    .isInstanceOf(Accounts.Refused.class);
            assertThatThrownBy(() -> talk.post(new User("rita", "Rita", Set.of(Role.READER)), HEALTH, "hi", Optional.empty(),
                    Optional.empty())).isInstanceOf(Access.Forbidden.class);
            assertThatThrownBy(() -> talk.post(ANN, PageId.of("nowhere"), "hi", Optional.empty(), Optional.empty()))
                    .isInstanceOf(org.moot.engine.git.NotFoundException.class);
        }
    }

    @Test
    void aReportedCommentIsHiddenInTheOpenReviewedAndTheLogIsInGit() {
        try (Repo repo = site()) {
            Discussions talk = discussions(repo);
            talk.post(ANN, HEALTH, "Buy cheap pills at example.com!", Optional.empty(), Optional.empty());
            talk.report(BOB, HEALTH, 1, Act.ReportReason.SPAM, "an advert");
            assertThatThrownBy(() -> talk.report(BOB, HEALTH, 1, Act.ReportReason.SPAM, "")).isInstanceOf(Accounts.Refused.class)
                    .hasMessageContaining("already");
            talk.report(MAX, HEALTH, 1, Act.ReportReason.OTHER, ""); // the note is optional
            assertThat(talk.queue(MO, repo.main().orElseThrow()).pending()).singleElement()
                    .satisfies(p -> assertThat(p.acts()).extracting(Act::by).containsExactly("bob", "max"));
            assertThatThrownBy(() -> talk.hide(BOB, HEALTH, 1, "spam")).isInstanceOf(Access.Forbidden.class);

            talk.hide(MO, HEALTH, 1, "advertising");
            Snapshot tip = repo.main().orElseThrow();
            Comment hidden = talk.comments(tip, HEALTH).get(0);
            assertThat(hidden.hidden()).hasValueSatisfying(h -> {
                assertThat(h.by()).isEqualTo("mo");
                assertThat(h.reason()).isEqualTo("advertising");
            });
            assertThat(hidden.text()).contains("cheap pills"); // kept, not deleted
            assertThat(talk.queue(MO, tip).pending()).isEmpty();

            assertThatThrownBy(() -> talk.keep(MO, HEALTH, 1, "closing my own review")).isInstanceOf(Accounts.Refused.class);
            talk.askReview(ANN, HEALTH, 1, "it was a joke");
            assertThat(talk.queue(MO, repo.main().orElseThrow()).pending()).hasSize(1);
            assertThatThrownBy(() -> talk.uphold(MO, HEALTH, 1, "still spam")).isInstanceOf(Access.Forbidden.class);
            talk.uphold(MAX, HEALTH, 1, "still an advert");
            tip = repo.main().orElseThrow();
            assertThat(talk.queue(MO, tip).pending()).isEmpty();
            assertThat(talk.log(tip, 10)).extracting(a -> a.kind().id() + " by " + a.by())
                    .containsExactly("uphold by max", "review by ann", "hide by mo", "report by max", "report by bob");
            assertThat(talk.log(tip, 10).get(4).reason()).isEqualTo("spam or advertising");
            assertThat(repo.filesIn(tip, ".moot/moderation/")).hasSize(5);

            talk.post(MO, HEALTH, "A moderator's own comment.", Optional.empty(), Optional.empty());
            talk.hide(MAX, HEALTH, 2, "testing");
            assertThatThrownBy(() -> talk.restore(MO, HEALTH, 2, "mine")).isInstanceOf(Access.Forbidden.class);
            talk.restore(MAX, HEALTH, 1, "on reflection, harmless");
            assertThat(talk.comments(repo.main().orElseThrow(), HEALTH).get(0).hidden()).isEmpty();
        }
    }

    @Test
    void aFilteredWordHoldsACommentBackUntilAModeratorDecides() {
        try (Repo repo = site()) {
            TestRepos.commit(repo, WordFilter.PATH, "hold:\n  - frobnicate\n  - cheap   pills\n");
            Discussions talk = discussions(repo);
            assertThat(talk.post(ANN, HEALTH, "Don't FROBNICATE the doctors.", Optional.empty(), Optional.empty()))
                    .isInstanceOf(Discussions.Posted.Held.class);
            assertThat(talk.post(ANN, HEALTH, "Cheap\npills here", Optional.empty(), Optional.empty()))
                    .isInstanceOf(Discussions.Posted.Held.class);
            assertThat(talk.post(ANN, HEALTH, "Frobnicated is another word.", Optional.empty(), Optional.empty()))
                    .isInstanceOf(Discussions.Posted.Published.class);
            assertThatThrownBy(() -> talk.post(ANN, HEALTH, "frobnicate", Optional.of(99), Optional.empty()))
                    .isInstanceOf(org.moot.engine.git.NotFoundException.class); // held or not, a reply answers a comment
            Snapshot tip = repo.main().orElseThrow();
            assertThat(talk.count(tip, HEALTH)).isEqualTo(1); // the held ones are not public
            assertThat(talk.log(tip, 10)).extracting(a -> a.kind()).containsExactly(Act.Kind.HOLD, Act.Kind.HOLD);
            assertThat(talk.log(tip, 10).get(0).note()).doesNotContain("pills"); // the log names no held text

            var queue = talk.queue(MO, tip);
            assertThat(queue.held()).extracting(h -> h.matched()).containsExactly("frobnicate", "cheap pills");
            Comment published = talk.release(MO, queue.held().get(0).id(), "quoting the filter is fine");
            talk.reject(MO, queue.held().get(1).id(), "an advert");
            tip = repo.main().orElseThrow();
            assertThat(published.number()).isEqualTo(2);
            assertThat(talk.comments(tip, HEALTH)).extracting(Comment::author, Comment::text)
                    .contains(org.assertj.core.groups.Tuple.tuple("ann", "Don't FROBNICATE the doctors."));
            assertThat(talk.queue(MO, tip).held()).isEmpty();
            assertThat(talk.log(tip, 2)).extracting(a -> a.kind()).containsExactly(Act.Kind.REJECT, Act.Kind.RELEASE);
            assertThat(tmp.resolve("held/decided")).isDirectoryContaining(p -> p.getFileName().toString().equals("2.md"));
        }
    }

    @Test
    void aDisputeMarksTheFactUntilAFactCheckerResolvesIt() {
        try (Repo repo = site()) {
            Discussions talk = discussions(repo);
            PageId fact = PageId.of("health/gp-patients");
            User checker = new User("fay", "Fay", Set.of(Role.FACT_CHECKER));
            assertThatThrownBy(() -> talk.dispute(ANN, HEALTH, "wrong", Optional.empty())).isInstanceOf(org.moot.engine.git.NotFoundException.class);
            assertThatThrownBy(() -> talk.dispute(ANN, fact, "wrong", Optional.of("javascript:alert(1)"))).isInstanceOf(Accounts.Refused.class);

            talk.dispute(ANN, fact, "The 2026 figure is 2,300.", Optional.of("https://example.org/2026"));
            talk.post(BOB, fact, "I agree.", Optional.of(1), Optional.empty());
            talk.dispute(BOB, fact, "Also the unit is wrong.", Optional.empty());
            assertThat(factFile(repo)).contains("disputes: [1, 3]").contains("value: 2140").endsWith("Patients per GP.\n");

            assertThatThrownBy(() -> talk.resolve(ANN, fact, 1, Dispute.State.CORRECTED, "done")).isInstanceOf(Access.Forbidden.class);
            talk.resolve(checker, fact, 1, Dispute.State.UPHELD, "Right: the 2026 release says 2,300.");
            talk.resolve(checker, fact, 3, Dispute.State.REJECTED, "The unit is patients per GP.");
            assertThat(factFile(repo)).contains("disputes: [1]");
            talk.resolve(checker, fact, 1, Dispute.State.CORRECTED, "Now 2,300.");
            assertThat(factFile(repo)).doesNotContain("disputes:");
            Comment first = talk.comments(repo.main().orElseThrow(), fact).get(0);
            assertThat(first.dispute()).hasValueSatisfying(d -> {
                assertThat(d.state()).isEqualTo(Dispute.State.CORRECTED);
                assertThat(d.source()).contains("https://example.org/2026");
                assertThat(d.resolution().orElseThrow().by()).isEqualTo("fay");
            });
            assertThatThrownBy(() -> talk.resolve(checker, fact, 2, Dispute.State.REJECTED, "x")).isInstanceOf(Accounts.Refused.class);
        }
    }

    private static String factFile(Repo repo) {
        Snapshot tip = repo.main().orElseThrow();
        return new String(repo.read(repo.blobAt(tip, "health/gp-patients.md").orElseThrow()), StandardCharsets.UTF_8);
    }

    @Test
    void theFilterFileIsCheckedLikeAnyOtherSetting() {
        assertThat(WordFilter.read("hold: word\n").problems()).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("must be a list"));
        assertThat(WordFilter.read("hold:\n  - ''\n").problems()).isNotEmpty();
        assertThat(WordFilter.read("hold:\n  - ass\n").filter().match("a class act")).isEmpty();
        WordFilter bad = WordFilter.read("hold:\n  - badword\n").filter();
        for (String dodge : new String[] {"b&#97;dword", "b<i></i>adword", "bad&shy;word", "b**a**dword", "bad\u200Bword", "b&#x61;dword"}) {
            assertThat(bad.match("so " + dodge + " here")).as(dodge).contains("badword");
        }
    }
}
