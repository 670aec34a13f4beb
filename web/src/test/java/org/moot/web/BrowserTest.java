package org.moot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** A real headless Chromium, reading the demo as a person would. `.ci/run` installs Chromium. */
class BrowserTest {

    @TempDir
    Path tmp;

    static ChromeDriver chromium(Path profile) {
        return chromium(profile, true);
    }

    static ChromeDriver chromium(Path profile, boolean javascript) {
        ChromeOptions options = new ChromeOptions();
        if (!javascript) {
            options.setExperimentalOption("prefs", java.util.Map.of("profile.managed_default_content_settings.javascript", 2));
        }
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1200,1400", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    @Test
    void aPageInTwoHierarchiesShowsTwoTrails() throws Exception {
        try (TestServer moot = new TestServer(tmp)) {
            ChromeDriver browser = chromium(tmp.resolve("profile"));
            try {
                browser.get(moot.url("/wiki/housing/social-housing/damp-and-health"));
                List<WebElement> trails = browser.findElements(By.cssSelector("nav.trails ol.trail"));
                assertThat(trails).hasSize(2);
                assertThat(trails.get(0).getText()).contains("Housing").contains("Social housing");
                assertThat(trails.get(1).getText()).contains("Health").contains("Primary care");
                assertThat(browser.findElement(By.tagName("h1")).getText()).startsWith("Damp");
                // The stylesheet loaded (CSP allows it) and laid the trail out as a row.
                assertThat(trails.get(0).getCssValue("display")).isEqualTo("flex");

                trails.get(1).findElement(By.linkText("Primary care")).click();
                assertThat(browser.getCurrentUrl()).endsWith("/wiki/health/primary-care");
                browser.navigate().back();

                save(browser, "two-trails.png");
                assertThat(Files.size(Path.of("target", "screenshots", "two-trails.png"))).isGreaterThan(10_000);
            } finally {
                browser.quit();
            }
        }
    }

    @Test
    void signingInAndMakingATokenWorkWithoutJavaScript() throws Exception {
        try (TestServer moot = new TestServer(tmp)) {
            ChromeDriver browser = chromium(tmp.resolve("profile2"), false);
            try {
                browser.get(moot.url("/login"));
                browser.findElement(By.name("name")).sendKeys("admin");
                browser.findElement(By.name("password")).sendKeys(TestServer.ADMIN_PASSWORD);
                submit(browser, By.cssSelector("form.stacked button"));
                waitFor(browser, By.cssSelector(".settings"));
                assertThat(browser.getCurrentUrl()).endsWith("/members/admin");
                browser.findElement(By.name("label")).sendKeys("laptop");
                submit(browser, By.cssSelector("form[action$='/tokens'] button"));
                assertThat(waitFor(browser, By.cssSelector(".new-token code")).getText()).startsWith("moot_");
                save(browser, "member.png");

                browser.get(moot.url("/admin"));
                assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Administration");
                save(browser, "admin.png");

                submit(browser, By.cssSelector(".account-nav button"));
                assertThat(waitFor(browser, By.cssSelector(".account-nav a[href='/login']")).getText()).isEqualTo("Sign in");
            } finally {
                browser.quit();
            }
        }
    }

    @Test
    void aMemberAnswersAStrawPollInSecretWithoutJavaScript() throws Exception {
        try (TestServer moot = new TestServer(tmp)) {
            moot.userAdd("ann", "member");
            String password = moot.userAdd("ann2", "member").get(0);
            ChromeDriver browser = chromium(tmp.resolve("voter"), false);
            try {
                browser.get(moot.url("/login"));
                browser.findElement(By.name("name")).sendKeys("ann2");
                browser.findElement(By.name("password")).sendKeys(password);
                submit(browser, By.cssSelector("form.stacked button"));
                waitFor(browser, By.cssSelector(".settings"));

                browser.get(moot.url("/wiki/" + org.moot.engine.govern.DemoGovernance.POLL_PAGE));
                browser.findElement(By.cssSelector("section.polls a[href='/governance/2']")).click();
                assertThat(browser.findElement(By.cssSelector(".summary")).getText()).contains("advice, never a decision");
                browser.findElement(By.cssSelector("input[name='choice'][value='4']")).click();
                browser.findElement(By.name("reason")).sendKeys("Working patients need evening slots.");
                submit(browser, By.cssSelector("form.ballot button"));
                assertThat(waitFor(browser, By.cssSelector("code.receipt")).getText()).matches("[A-Za-z0-9_-]{16}");
                assertThat(browser.findElement(By.cssSelector("p.notice")).getText()).contains("Keep its receipt");
                assertThat(browser.findElement(By.cssSelector("input[name='choice'][value='4']")).isSelected()).isTrue();
                assertThat(browser.findElement(By.cssSelector("section#vote")).getText()).contains("1 ballot cast so far");
                save(browser, "poll.png");
                browser.get(moot.url("/governance"));
                assertThat(browser.findElement(By.cssSelector("h1")).getText()).isEqualTo("Governance");
                save(browser, "governance.png");
            } finally {
                browser.quit();
            }
        }
    }

    @Test
    void twoPeopleEditTheSameParagraphAndTheSecondResolvesTheConflict() throws Exception {
        try (TestServer moot = new TestServer(tmp)) {
            ChromeDriver ann = chromium(tmp.resolve("ann"));
            ChromeDriver bob = chromium(tmp.resolve("bob"));
            try {
                for (ChromeDriver browser : List.of(ann, bob)) {
                    browser.get(moot.url("/login?next=/edit/health"));
                    browser.findElement(By.name("name")).sendKeys("admin");
                    browser.findElement(By.name("password")).sendKeys(TestServer.ADMIN_PASSWORD);
                    submit(browser, By.cssSelector("form.stacked button"));
                    waitFor(browser, By.name("body"));
                }
                String before = moot.get("/raw/health").body();
                // Both opened the editor on the same revision. Ann publishes first, through the form's fields.
                replaceInBody(ann, "Most of the health debate", "Most of the Northvale health debate");
                ann.findElement(By.name("summary")).sendKeys("Name the region");
                submit(ann, By.cssSelector("button[value=save]"));
                assertThat(waitFor(ann, By.cssSelector(".notice[role=status]")).getText()).contains("published");
                assertThat(ann.findElement(By.cssSelector(".body")).getText()).contains("Most of the Northvale health debate");
                save(ann, "published.png");
                // Only the text changed, so the front matter is exactly as it was written: no reformatting.
                assertThat(moot.get("/raw/health").body()).startsWith(before.substring(0, before.indexOf("\n---\n") + 5));

                replaceInBody(bob, "Most of the health debate", "Much of the health debate");
                submit(bob, By.cssSelector("button[value=save]"));
                WebElement merged = waitFor(bob, By.name("raw"));
                assertThat(bob.findElement(By.tagName("h1")).getText()).isEqualTo("Your edit meets a newer change");
                String marked = merged.getAttribute("value");
                assertThat(marked).contains("<<<<<<< main").contains("Northvale health debate").contains("Much of the health debate");
                save(bob, "conflict.png");

                String resolved = marked.replaceAll("(?s)<<<<<<< main\n.*?=======\n(.*?)>>>>>>> yours\n", "$1")
                        .replace("Much of the health debate", "Much of the Northvale health debate");
                merged.clear();
                merged.sendKeys(resolved);
                submit(bob, By.cssSelector("button[value=save]"));
                assertThat(waitFor(bob, By.cssSelector(".notice[role=status]")).getText()).contains("published");
                assertThat(bob.findElement(By.cssSelector(".body")).getText()).contains("Much of the Northvale health debate")
                        .doesNotContain("<<<<<<<");
            } finally {
                ann.quit();
                bob.quit();
            }
        }
    }

    @Test
    void theArgumentsShowInTwoColumnsNestAndDrawAsAMapWithoutJavaScript() throws Exception {
        try (TestServer moot = new TestServer(tmp)) {
            ChromeDriver browser = chromium(tmp.resolve("profile-arguments"), false);
            try {
                browser.get(moot.url("/wiki/housing/social-housing/direction-build-12000-homes"));
                WebElement pro = browser.findElement(By.cssSelector(".debate-side.pro"));
                WebElement con = browser.findElement(By.cssSelector(".debate-side.con"));
                assertThat(pro.getText()).contains("Council homes cost the public less");
                assertThat(con.getText()).contains("borrowing puts existing tenants at risk");
                assertThat(pro.getLocation().getX()).isLessThan(con.getLocation().getX()); // side by side
                assertThat(pro.getLocation().getY()).isEqualTo(con.getLocation().getY());

                // A reply is folded under its argument, and opens without script.
                WebElement folded = con.findElement(By.cssSelector("details.replies-toggle"));
                WebElement toggle = folded.findElement(By.tagName("summary"));
                assertThat(toggle.getText()).contains("0 for").contains("1 against");
                WebElement reply = folded.findElement(By.cssSelector("ul.replies a"));
                assertThat(reply.isDisplayed()).isFalse();
                toggle.click();
                assertThat(reply.isDisplayed()).isTrue();

                // The map is drawn: the image loaded, as wide as its columns need.
                WebElement map = browser.findElement(By.cssSelector("figure.argument-map img"));
                assertThat(map.getSize().getWidth()).isGreaterThan(500);
                new org.openqa.selenium.interactions.Actions(browser).scrollToElement(map).perform();
                save(browser, "arguments-and-map.png");
                assertThat(Files.size(Path.of("target", "screenshots", "arguments-and-map.png"))).isGreaterThan(10_000);
            } finally {
                browser.quit();
            }
        }
    }

    private static void replaceInBody(ChromeDriver browser, String from, String to) {
        WebElement body = browser.findElement(By.name("body"));
        String text = body.getAttribute("value");
        assertThat(text).contains(from);
        body.clear();
        body.sendKeys(text.replace(from, to));
    }

    /**
     * Clicks a form's button and returns once the page it was on is gone: the answer may take a
     * while, and a selector the old page matches too would otherwise find the old page's element.
     */
    static void submit(ChromeDriver browser, By button) throws InterruptedException {
        submit(browser, browser.findElement(button));
    }

    static void submit(ChromeDriver browser, WebElement button) throws InterruptedException {
        WebElement before = browser.findElement(By.tagName("html"));
        button.click();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                before.isEnabled();
            } catch (org.openqa.selenium.StaleElementReferenceException gone) {
                return;
            } catch (org.openqa.selenium.WebDriverException e) {
                if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                    return; // the same, as Chromium sometimes says it
                }
                throw e;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the page stayed as it was for 10 s after its form was sent");
    }

    /** Without JavaScript the driver cannot tell when a form's response has loaded: poll, briefly. */
    static WebElement waitFor(ChromeDriver browser, By selector) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            List<WebElement> found = browser.findElements(selector);
            if (!found.isEmpty() || System.nanoTime() > deadline) {
                return found.isEmpty() ? browser.findElement(selector) : found.get(0);
            }
            Thread.sleep(50);
        }
    }

    static void save(ChromeDriver browser, String name) throws java.io.IOException {
        Path shot = Path.of("target", "screenshots", name);
        Files.createDirectories(shot.getParent());
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
    }
}
