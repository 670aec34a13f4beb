package org.moot.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Every kind of page the journeys visit, audited in headless Chromium by axe-core (WCAG 2.1 A and
 * AA rules): no serious or critical violation. axe is injected by the test, never served by Moot.
 */
class AccessibilityTest {

    @TempDir
    Path tmp;

    /** The pages, as a reader sees them and then as a signed-in member does. */
    private static final List<String> PUBLIC = List.of("/", "/contents", "/wiki/health/primary-care/direction-evening-weekend-appointments",
            "/wiki/health/facts/gp-patients-per-gp", "/wiki/housing", "/search?q=gp+appointments", "/search?q=zzzz",
            "/history/health/primary-care/extended-gp-hours", "/talk/health/facts/gp-patients-per-gp", "/facts", "/changes",
            "/moderation", "/governance", "/governance/1", "/governance/2", "/members", "/login", "/register", "/proposals",
            "/wiki/no-such-page");
    private static final List<String> SIGNED_IN = List.of("/edit/health/primary-care/extended-gp-hours", "/members/admin",
            "/governance/2", "/governance", "/admin", "/watchlist", "/governance/polls/new?on=health");

    @Test
    void noPageHasASeriousOrCriticalAccessibilityViolation() throws Exception {
        String axe = axeSource();
        // A page of the test's own with an image without text and a field without a label: the audit must catch both.
        try (TestServer moot = new TestServer(tmp, c -> c.withRoutes(routes -> routes.get("/test/inaccessible",
                ctx -> ctx.html("<!DOCTYPE html><html lang=\"en\"><head><title>Bad</title></head><body><main>"
                        + "<img src=\"/static/moot.css\"><input type=\"text\"></main></body></html>"))))) {
            ChromeDriver browser = BrowserTest.chromium(tmp.resolve("profile"));
            browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
            List<String> problems = new ArrayList<>();
            try {
                assertThat(audit(browser, moot.url("/test/inaccessible"), axe)).anySatisfy(p -> assertThat(p).contains("image-alt"))
                        .anySatisfy(p -> assertThat(p).contains(": label ("));
                for (String path : PUBLIC) {
                    problems.addAll(audit(browser, moot.url(path), axe));
                }
                browser.get(moot.url("/login"));
                browser.findElement(By.name("name")).sendKeys("admin");
                browser.findElement(By.name("password")).sendKeys(TestServer.ADMIN_PASSWORD);
                BrowserTest.submit(browser, By.cssSelector("form.stacked button"));
                BrowserTest.waitFor(browser, By.cssSelector(".settings"));
                for (String path : SIGNED_IN) {
                    problems.addAll(audit(browser, moot.url(path), axe));
                }
            } finally {
                browser.quit();
            }
            assertThat(problems).isEmpty();
        }
    }

    /** The serious and critical violations on one page, one line each: page, rule, impact, what it asks, where. */
    private static List<String> audit(ChromeDriver browser, String url, String axe) throws IOException {
        browser.get(url);
        browser.executeScript(axe);
        Object answer = browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
                  .then(r => done(JSON.stringify(r.violations)))
                  .catch(e => done(JSON.stringify({error: String(e)})));
                """);
        JsonNode violations = new ObjectMapper().readTree(String.valueOf(answer));
        assertThat(violations.isArray()).as("axe ran on " + url + ": " + answer).isTrue();
        List<String> out = new ArrayList<>();
        for (JsonNode v : violations) {
            String impact = v.path("impact").asText();
            if (impact.equals("serious") || impact.equals("critical")) {
                List<String> where = new ArrayList<>();
                v.path("nodes").forEach(n -> where.add(n.path("target").toString()));
                out.add(url + ": " + v.path("id").asText() + " (" + impact + "): " + v.path("help").asText() + " at "
                        + where.subList(0, Math.min(3, where.size())));
            }
        }
        return out;
    }

    private static String axeSource() throws IOException {
        try (InputStream in = AccessibilityTest.class.getResourceAsStream("/axe.min.js")) {
            assertThat(in).as("axe.min.js from com.deque.html.axe-core:selenium on the test classpath").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
