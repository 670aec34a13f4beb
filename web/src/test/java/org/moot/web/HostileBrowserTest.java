package org.moot.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moot.engine.access.Role;
import org.moot.engine.govern.Proceeding;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Script payloads placed everywhere a member or a pusher can write (page text and front matter,
 * edit summaries, comments, report notes, display names and profiles, proposals, commit messages
 * and author names arriving by push, poll questions, search queries and URLs), then every page
 * that shows them opened in headless Chromium with JavaScript on: no payload runs, no dialog opens,
 * and no element carries an event handler or an active URL.
 */
class HostileBrowserTest {

    private static final List<String> PAYLOADS = List.of(
            "<script>window.__xss=1;alert(1)</script>",
            "<img src=x onerror=\"window.__xss=1;alert(1)\">",
            "<svg/onload=window.__xss=1>",
            "\"><img src=x onerror=window.__xss=1>",
            "'><details open ontoggle=window.__xss=1>",
            "[click](javascript:window.__xss=1)",
            "<a href=\"jav&#x09;ascript:window.__xss=1\">tab</a>",
            "<iframe srcdoc=\"<script>parent.__xss=1</script>\"></iframe>",
            "<style>body{background:url(javascript:window.__xss=1)}</style>",
            "{{fact:<img src=x onerror=window.__xss=1>}}",
            "[[<img src=x onerror=window.__xss=1>]]",
            "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>");
    private static final String ALL = String.join("\n\n", PAYLOADS);
    private static final String PAGE = "health/hostile";

    @TempDir
    Path tmp;

    @Test
    void noPayloadRunsOnAnyPageThatShowsIt() throws Exception {
        // A page of the test's own that does carry a handler: the check must catch it.
        try (TestServer moot = new TestServer(tmp, c -> c.withRoutes(routes -> routes.get("/test/unsafe",
                ctx -> ctx.html("<!DOCTYPE html><title>Unsafe</title><img src=x onerror=\"window.__xss=1\">"))))) {
            String adminToken = moot.userAdd("eve", "editor").get(1);
            WebClient api = new WebClient(moot);
            String page = "---\ntitle: '" + PAYLOADS.get(3).replace("'", "''") + "'\nsummary: '" + PAYLOADS.get(1).replace("'", "''")
                    + "'\ntags: ['" + PAYLOADS.get(2) + "']\n---\n" + ALL + "\n";
            var created = api.putJsonWithToken("/api/pages/" + PAGE, "eve", adminToken,
                    Map.of("markdown", page, "summary", PAYLOADS.get(4)));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
            String first = new ObjectMapper().readTree(created.body()).path("revision").asText();

            WebClient mallory = moot.signedIn("mallory", "Mallory", Set.of(Role.MEMBER));
            mallory.submit("/members/mallory", "/members/mallory/profile", Map.of("displayName", "Mallory", "bio", ALL,
                    "interests", PAYLOADS.get(2), "skills", PAYLOADS.get(4), "branch", PAYLOADS.get(3), "listed", "on"));
            mallory.submit("/talk/" + PAGE, "/talk/" + PAGE, Map.of("action", "comment", "text", ALL));
            mallory.submit("/talk/" + PAGE, "/talk/" + PAGE, Map.of("action", "report", "comment", "1", "reason", "other",
                    "note", PAYLOADS.get(1)));
            String base = WebClient.field(mallory.get("/edit/" + PAGE).body(), "base");
            var proposed = mallory.submit("/edit/" + PAGE, "/edit/" + PAGE, Map.of("id", PAGE, "base", base, "edit", "",
                    "raw", page + "\n" + PAYLOADS.get(0) + "\n", "summary", PAYLOADS.get(1), "action", "save"));
            String proposal = proposed.headers().firstValue("Location").orElseThrow().replaceAll("^/proposals/(\\d+).*", "$1");

            // A push whose author name and message are payloads.
            Path home = Files.createDirectories(tmp.resolve("home"));
            String url = moot.url("/git/content.git").replace("http://", "http://eve:" + adminToken + "@");
            assertThat(GitCli.run(home, tmp, "x", "x@example.org", "clone", "-q", url, "clone").exit()).isZero();
            Path clone = tmp.resolve("clone");
            Files.writeString(clone.resolve(PAGE + ".md"), page + "\nPushed.\n");
            GitCli.run(home, clone, PAYLOADS.get(1), "outside@example.org", "commit", "-qam", PAYLOADS.get(0) + "\n\n" + PAYLOADS.get(3));
            var pushed = GitCli.run(home, clone, PAYLOADS.get(1), "outside@example.org", "push", "-q", "origin", "main");
            assertThat(pushed.exit()).as(pushed.output()).isZero();

            WebClient editor = moot.signedIn("ed", "Ed", Set.of(Role.MEMBER, Role.EDITOR));
            var poll = editor.submit("/governance/polls/new?on=" + PAGE, "/governance/polls",
                    Map.of("on", PAGE, "question", PAYLOADS.get(1), "scale", "support", "days", "7"));
            assertThat(poll.statusCode()).isEqualTo(303);
            int pollNumber = Integer.parseInt(poll.headers().firstValue("Location").orElseThrow().replaceAll("\\D+", ""));
            assertThat(moot.site.governance().get(moot.site.tip(), pollNumber).map(Proceeding::title)).isPresent();

            String last = moot.site.tip().revision();
            List<String> pages = List.of("/wiki/" + PAGE, "/history/" + PAGE, "/blame/" + PAGE,
                    "/diff/" + PAGE + "?from=" + first + "&to=" + last, "/talk/" + PAGE, "/changes", "/proposals",
                    "/proposals/" + proposal, "/members", "/members/mallory", "/moderation", "/governance", "/governance/" + pollNumber,
                    "/search?q=" + URLEncoder.encode(PAYLOADS.get(3), StandardCharsets.UTF_8), "/search?q=hostile",
                    "/wiki/" + URLEncoder.encode(PAYLOADS.get(1), StandardCharsets.UTF_8).replace("+", "%20"), "/contents", "/health",
                    "/test/unsafe");
            List<String> ran = new ArrayList<>();
            ChromeDriver browser = BrowserTest.chromium(tmp.resolve("profile"));
            try {
                for (String path : pages) {
                    browser.get(moot.url(path));
                    try {
                        browser.switchTo().alert();
                        ran.add(path + ": a dialog opened");
                        browser.switchTo().alert().dismiss();
                    } catch (NoAlertPresentException expected) {
                        // none: as it should be
                    }
                    JsonNode found = new ObjectMapper().readTree(String.valueOf(browser.executeScript("""
                            const bad = [];
                            document.querySelectorAll('*').forEach(e => {
                              for (const a of e.attributes) {
                                if (/^on/i.test(a.name)) bad.push(e.tagName + ' ' + a.name);
                                if (/^(href|src|action|formaction|srcdoc|data)$/i.test(a.name)
                                    && /^\\s*(javascript|vbscript|data:text\\/html)/i.test(a.value)) bad.push(e.tagName + ' ' + a.name + '=' + a.value);
                              }
                            });
                            document.querySelectorAll('script, iframe, object, embed, style').forEach(e => bad.push('a ' + e.tagName + ' element'));
                            return JSON.stringify({ran: window.__xss === 1, bad: bad});
                            """)));
                    if (found.path("ran").asBoolean() || !found.path("bad").isEmpty()) {
                        ran.add(path + ": " + found);
                    }
                }
                assertThat(browser.getPageSource()).isNotEmpty();
            } finally {
                browser.quit();
            }
            assertThat(ran).singleElement().asString().startsWith("/test/unsafe: ").contains("IMG onerror");
            // The payloads are there, shown as text: the pages were not simply empty.
            assertThat(new WebClient(moot).get("/wiki/" + PAGE).body()).contains("<h1>\"&gt;&lt;img src=x onerror=window.__xss=1&gt;</h1>")
                    .contains("&lt;svg/onload&#61;window.__xss&#61;1&gt;");
        }
    }
}
