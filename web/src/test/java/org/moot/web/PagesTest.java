package org.moot.web;

import static org.assertj.core.api.Assertions.assertThat;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moot.engine.git.MainWriter;
import org.moot.engine.git.Repo;
import org.moot.engine.git.Snapshot;

/** Reading the demo site through a real server, as a browser would. */
class PagesTest {

    @TempDir
    static Path tmp;
    static TestServer moot;

    @BeforeAll
    static void start() {
        moot = new TestServer(tmp);
    }

    @AfterAll
    static void stop() {
        moot.close();
    }

    private static String page(String path) {
        var response = moot.get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        return response.body();
    }

    @Test
    void homeShowsTheSiteAndLinksItsTopics() {
        String html = page("/");
        assertThat(html).contains("<title>Welcome to Moot · Moot demo — Northvale</title>")
                .contains("href=\"/wiki/health\"").contains("href=\"/wiki/housing\"").contains("href=\"/wiki/education\"");
    }

    @Test
    void aPageInTwoHierarchiesShowsBothTrailsFolderTrailFirst() {
        String html = page("/wiki/housing/social-housing/damp-and-health");
        int housing = html.indexOf("<a href=\"/wiki/housing/social-housing\">Social housing</a>");
        int health = html.indexOf("<a href=\"/wiki/health/primary-care\">Primary care</a>");
        assertThat(housing).isPositive();
        assertThat(health).isGreaterThan(housing);
    }

    @Test
    void aTopicListsSubTopicsAndPapersWithSummaries() {
        String html = page("/wiki/health");
        assertThat(html).contains("<h2>Topics</h2>").contains("href=\"/wiki/health/primary-care\"");
        String primary = page("/wiki/health/primary-care");
        assertThat(primary).contains("<h2>Position papers</h2>").contains("href=\"/wiki/health/primary-care/extended-gp-hours\"")
                .contains("<h2>Collective responses</h2>");
    }

    @Test
    void aPaperShowsAuthorsStatusAndItsResponse() {
        String html = page("/wiki/health/primary-care/extended-gp-hours");
        assertThat(html).contains("class=\"authors\">By ").contains("<span class=\"status\">accepted</span>")
                .contains("<h2>Collective response</h2>")
                .contains("href=\"/wiki/health/primary-care/extended-gp-hours-response\"")
                .contains("<h2>Sources</h2>").contains("class=\"toc\"");
    }

    @Test
    void aResponseLinksThePaperItAnswers() {
        assertThat(page("/wiki/health/primary-care/extended-gp-hours-response"))
                .contains("<h2>Responds to</h2>").contains("href=\"/wiki/health/primary-care/extended-gp-hours\"");
    }

    @Test
    void aFactShowsValueUnitDateAndSources() {
        assertThat(page("/wiki/health/facts/gp-patients-per-gp"))
                .contains("<span class=\"value\">2140</span>")
                .contains("registered patients per full-time-equivalent GP")
                .contains("<time datetime=\"2025-09-30\">")
                .contains("<span class=\"source-type\">official-statistics</span>");
    }

    @Test
    void anArgumentShowsItsStanceWhatItOpposesAndItsReplies() {
        String html = page("/wiki/housing/social-housing/arguments/against-council-homes-borrowing-risk");
        assertThat(html).contains("stance-against").contains("<h2>Opposes</h2>")
                .contains("href=\"/wiki/housing/social-housing/direction-build-12000-homes\"")
                .contains("Replies to this argument")
                .contains("href=\"/wiki/housing/social-housing/arguments/rents-repay-borrowing\"")
                .contains("href=\"/wiki/housing/social-housing/arguments/rent-income-not-guaranteed\"");
    }

    @Test
    void contentsShowsTheWholeHierarchy() {
        assertThat(page("/contents")).contains("href=\"/wiki/education/early-years\"")
                .contains("href=\"/wiki/housing/planning\"");
    }

    @Test
    void rawServesTheFileAsPlainText() {
        var response = moot.get("/raw/health/facts/gp-patients-per-gp");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type.replace(" ", "")).isEqualTo("text/plain;charset=utf-8"));
        assertThat(response.body()).startsWith("---\ntitle: ").contains("kind: fact");
        assertThat(moot.get("/raw/index").body()).contains("title:");
    }

    @Test
    void unknownPagesGetAHelpful404() {
        var response = moot.get("/wiki/health/primary-car");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("There is no page").contains("Perhaps you meant")
                .containsSubsequence("<li><a href=\"/wiki/health/primary-care\">", "/wiki/health/primary-care/");
        assertThat(moot.get("/nowhere/at/all").statusCode()).isEqualTo(404);
    }

    @Test
    void pathsThatEscapeTheRepositoryAreRefused() {
        for (String path : new String[] {"/wiki/..%2F..%2F..%2Fetc%2Fpasswd", "/raw/..%2f..%2fetc%2fpasswd",
                "/raw/%2e%2e/%2e%2e/etc/passwd", "/wiki/health%5C..%5C..", "/api/pages/..%2Fcontent.git%2Fconfig",
                "/raw/.moot/site", "/raw/Health", "/wiki/health%00"}) {
            var response = moot.get(path);
            assertThat(response.statusCode()).as(path).isIn(400, 404);
            assertThat(response.body()).as(path).doesNotContain("root:x:0").doesNotContain("[core]");
        }
    }

    @Test
    void everyResponseCarriesAContentSecurityPolicy() {
        assertThat(moot.get("/").headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'").contains("object-src 'none'"));
    }

    @Test
    void invalidContentStillRendersWithItsProblemsAndOldRevisionsStayReadable() {
        Snapshot before;
        try (Repo repo = Repo.open(moot.folder.content())) {
            before = repo.main().orElseThrow();
            var who = new PersonIdent("Pat Pusher", "pat@users.moot.invalid");
            new MainWriter(repo).commit(org.moot.engine.git.Origin.site(org.moot.engine.git.ChangeSource.PUSH), tip -> Optional.of(new MainWriter.Change(Map.of(
                    "health/broken.md", ("---\ntitle: Broken <b>page</b>\nkind: fact\nvalue: 3\n"
                            + "sources:\n  - {title: Bad, url: 'javascript:alert(1)'}\n---\nBody <script>alert(1)</script>").getBytes(UTF_8),
                    "health/renamed.md", "---\ntitle: Renamed\nredirect-from: [health/old-name]\n---\n".getBytes(UTF_8)),
                    who, "push broken content")));
        }
        String html = page("/wiki/health/broken");
        assertThat(html).contains("This page has problems")
                .contains("line 2: a fact must say the date it holds for in 'as-of' (YYYY-MM-DD)")
                .contains("Broken &lt;b&gt;page&lt;/b&gt;")
                .doesNotContain("<script>alert").doesNotContain("href=\"javascript:");
        assertThat(moot.get("/wiki/health/broken?rev=" + before.revision()).statusCode()).isEqualTo(404);
        assertThat(page("/wiki/health?rev=" + before.revision().substring(0, 12))).contains("earlier revision");
        assertThat(moot.get("/wiki/health?rev=main~1").statusCode()).isEqualTo(404);

        var redirect = moot.get("/wiki/health/old-name");
        assertThat(redirect.statusCode()).isEqualTo(301);
        assertThat(redirect.headers().firstValue("Location")).hasValue("/wiki/health/renamed");
    }
}
