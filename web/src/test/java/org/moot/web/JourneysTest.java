package org.moot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * What people come to do, end to end in headless Chromium without JavaScript, one person per
 * browser: register and be approved; search and narrow by a facet; edit and publish; propose an
 * argument that an editor includes; dispute a fact that a fact-checker resolves; comment, report
 * and moderate; clone and push with git, then see the change; and read, search, vote and edit with
 * the keyboard alone. Each journey's last page is saved in {@code target/screenshots/}.
 */
class JourneysTest {

    private static final String FACT = "health/facts/gp-patients-per-gp";
    private static final String DIRECTION = "health/primary-care/direction-evening-weekend-appointments";

    @TempDir
    Path tmp;

    @Test
    void peopleDoWhatTheyCameForWithoutJavaScript() throws Exception {
        try (TestServer moot = new TestServer(tmp)) {
            ChromeDriver rita = BrowserTest.chromium(tmp.resolve("rita"), false);
            ChromeDriver admin = BrowserTest.chromium(tmp.resolve("admin"), false);
            ChromeDriver sam = BrowserTest.chromium(tmp.resolve("sam"), false);
            try {
                // Register, be approved by an admin, and find oneself a member.
                rita.get(moot.url("/register"));
                rita.findElement(By.name("name")).sendKeys("rita");
                rita.findElement(By.name("displayName")).sendKeys("Rita Reyes");
                rita.findElement(By.name("password")).sendKeys("rita's long password");
                BrowserTest.submit(rita, By.cssSelector("form[action='/register'] button"));
                BrowserTest.waitFor(rita, By.cssSelector(".account-nav button"));
                signIn(admin, moot, "admin", TestServer.ADMIN_PASSWORD);
                admin.get(moot.url("/admin"));
                BrowserTest.submit(admin, By.cssSelector("form[action='/admin/approve'] input[value='rita'] ~ button"));
                BrowserTest.waitFor(admin, By.cssSelector("h1"));
                rita.get(moot.url("/members/rita"));
                assertThat(rita.findElement(By.tagName("main")).getText()).contains("member");
                BrowserTest.save(rita, "journey-registered.png");

                // Search, then narrow the results by a facet.
                rita.get(moot.url("/search?q=gp"));
                String all = rita.findElement(By.tagName("main")).getText();
                WebElement facet = rita.findElement(By.cssSelector("aside.facets li a"));
                facet.click();
                assertThat(BrowserTest.waitFor(rita, By.cssSelector("aside.facets strong a")).getText()).endsWith("✕");
                assertThat(rita.findElement(By.tagName("main")).getText()).isNotEqualTo(all);
                BrowserTest.save(rita, "journey-search.png");

                // An editor edits a page and publishes it.
                admin.get(moot.url("/edit/health"));
                WebElement body = admin.findElement(By.name("body"));
                body.sendKeys(Keys.END, "\n\nEvening clinics are on the agenda for spring.");
                admin.findElement(By.name("summary")).sendKeys("Note the spring agenda");
                BrowserTest.submit(admin, By.cssSelector("button[name='action'][value='save']"));
                BrowserTest.waitFor(admin, By.cssSelector("p.notice"));
                assertThat(admin.findElement(By.tagName("main")).getText()).contains("Evening clinics are on the agenda for spring.");
                BrowserTest.save(admin, "journey-edited.png");

                // A member proposes an argument; an editor includes it.
                rita.get(moot.url("/wiki/" + DIRECTION));
                rita.findElement(By.cssSelector("details#propose summary")).click();
                rita.findElement(By.cssSelector("details#propose input[name='stance'][value='for']")).click();
                rita.findElement(By.cssSelector("details#propose input[name='claim']")).sendKeys("Shift workers cannot come in the day");
                rita.findElement(By.cssSelector("details#propose textarea[name='why']")).sendKeys("Most of our members work shifts.");
                BrowserTest.submit(rita, By.cssSelector("details#propose button"));
                String proposal = BrowserTest.waitFor(rita, By.cssSelector(".kind-label")).getText().replaceAll("\\D+", "");
                admin.get(moot.url("/proposals/" + proposal));
                BrowserTest.submit(admin, By.cssSelector("form[action$='/accept'] button"));
                BrowserTest.waitFor(admin, By.cssSelector("h1"));
                admin.get(moot.url("/wiki/" + DIRECTION));
                assertThat(admin.findElement(By.cssSelector(".debate-side.pro")).getText()).contains("Shift workers cannot come in the day");
                BrowserTest.save(admin, "journey-argument.png");

                // A member disputes a fact; a fact-checker resolves the dispute.
                rita.get(moot.url("/wiki/" + FACT));
                rita.findElement(By.cssSelector("details.dispute-form summary")).click();
                rita.findElement(By.cssSelector("details.dispute-form textarea[name='text']")).sendKeys("The 2025 figure counts locums twice.");
                BrowserTest.submit(rita, By.cssSelector("details.dispute-form button"));
                BrowserTest.waitFor(rita, By.cssSelector(".thread"));
                admin.get(moot.url("/talk/" + FACT));
                var forms = admin.findElements(By.cssSelector("form input[name='action'][value='resolve']"));
                WebElement resolve = forms.get(forms.size() - 1).findElement(By.xpath("./..")); // the newest dispute's
                resolve.findElement(By.cssSelector("select[name='outcome'] option[value='corrected']")).click();
                resolve.findElement(By.name("reason")).sendKeys("Locums were counted twice; corrected from the source.");
                BrowserTest.submit(admin, resolve.findElement(By.tagName("button")));
                BrowserTest.waitFor(admin, By.xpath("//p[@class='resolution' and contains(., 'Locums were counted twice')]"));
                BrowserTest.save(admin, "journey-dispute.png");

                // A member comments, another reports it, a moderator hides it: all in the open log.
                signIn(sam, moot, "sam", moot.userAdd("sam", "member").get(0));
                rita.get(moot.url("/talk/health"));
                rita.findElement(By.cssSelector("#write textarea[name='text']")).sendKeys("Buy cheap watches at example.com!");
                BrowserTest.submit(rita, By.cssSelector("#write button"));
                String number = BrowserTest.waitFor(rita, By.cssSelector(".thread [id^='c']")).getAttribute("id");
                sam.get(moot.url("/talk/health?report=" + number.substring(1) + "#" + number));
                sam.findElement(By.cssSelector("form select[name='reason'] option[value='spam']")).click();
                sam.findElement(By.cssSelector("form textarea[name='note']")).sendKeys("An advert.");
                BrowserTest.submit(sam, By.xpath("//form[.//select[@name='reason']]//button"));
                BrowserTest.waitFor(sam, By.cssSelector("p.notice"));
                admin.get(moot.url("/talk/health"));
                WebElement moderate = admin.findElement(By.cssSelector("form.moderate"));
                moderate.findElement(By.name("reason")).sendKeys("Advertising");
                BrowserTest.submit(admin, moderate.findElement(By.cssSelector("button[value='hide']")));
                BrowserTest.waitFor(admin, By.cssSelector(".thread"));
                admin.get(moot.url("/moderation"));
                assertThat(admin.findElement(By.tagName("main")).getText()).contains("reported").contains("hid").contains("Advertising");
                BrowserTest.save(admin, "journey-moderated.png");

                // A power user clones, edits in their own editor, pushes; the browser shows it at once.
                String token = moot.userAdd("pat", "editor").get(1);
                Path home = Files.createDirectories(tmp.resolve("home"));
                String url = moot.url("/git/content.git").replace("http://", "http://pat:" + token + "@");
                assertThat(GitCli.run(home, tmp, "Pat", "pat@example.org", "clone", "-q", url, "clone").exit()).isZero();
                Path page = tmp.resolve("clone/health/index.md");
                Files.writeString(page, Files.readString(page) + "\nPushed from a clone: the winter plan.\n");
                GitCli.run(home, tmp.resolve("clone"), "Pat", "pat@example.org", "commit", "-qam", "Add the winter plan");
                var pushed = GitCli.run(home, tmp.resolve("clone"), "Pat", "pat@example.org", "push", "-q", "origin", "main");
                assertThat(pushed.exit()).as(pushed.output()).isZero();
                sam.get(moot.url("/wiki/health"));
                assertThat(sam.findElement(By.tagName("main")).getText()).contains("Pushed from a clone: the winter plan.");
                sam.get(moot.url("/changes"));
                assertThat(sam.findElement(By.tagName("main")).getText()).contains("Add the winter plan");
                BrowserTest.save(sam, "journey-pushed.png");

                // The keyboard alone: search from the header, follow a result, and vote in the poll.
                sam.get(moot.url("/"));
                tabTo(sam, "input[name='q']").sendKeys("evening appointments", Keys.ENTER);
                BrowserTest.waitFor(sam, By.cssSelector(".results, .hits, ol"));
                tabTo(sam, "main a[href='/wiki/" + DIRECTION + "']").sendKeys(Keys.ENTER);
                BrowserTest.waitFor(sam, By.cssSelector("section.polls"));
                tabTo(sam, "section.polls a[href='/governance/2']").sendKeys(Keys.ENTER);
                BrowserTest.waitFor(sam, By.cssSelector("form.ballot"));
                tabTo(sam, "input[name='choice']").sendKeys(Keys.ARROW_DOWN, Keys.ARROW_DOWN, Keys.ARROW_DOWN);
                tabTo(sam, "form.ballot button").sendKeys(Keys.ENTER);
                assertThat(BrowserTest.waitFor(sam, By.cssSelector("code.receipt")).getText()).hasSize(16);
                assertThat(sam.findElement(By.cssSelector("input[name='choice'][value='4']")).isSelected()).isTrue();
                // ...and edit: a member's edit becomes a proposal.
                sam.get(moot.url("/edit/health/mental-health"));
                tabTo(sam, "textarea[name='body']").sendKeys(Keys.END, "\n\nTyped with the keyboard alone.");
                tabTo(sam, "input[name='summary']").sendKeys("A keyboard edit");
                tabTo(sam, "button[name='action'][value='save']").sendKeys(Keys.ENTER);
                assertThat(BrowserTest.waitFor(sam, By.cssSelector(".kind-label")).getText()).startsWithIgnoringCase("Proposal");
                assertThat(sam.findElement(By.tagName("h1")).getText()).isEqualTo("A keyboard edit");
                BrowserTest.save(sam, "journey-keyboard.png");
            } finally {
                rita.quit();
                admin.quit();
                sam.quit();
            }
        }
    }

    private static void signIn(ChromeDriver browser, TestServer moot, String name, String password) throws InterruptedException {
        browser.get(moot.url("/login"));
        browser.findElement(By.name("name")).sendKeys(name);
        browser.findElement(By.name("password")).sendKeys(password);
        BrowserTest.submit(browser, By.cssSelector("form.stacked button"));
        BrowserTest.waitFor(browser, By.cssSelector(".account-nav button"));
    }

    /** Presses Tab until the element matching {@code css} has the focus (at most 200 times), and returns it. */
    private static WebElement tabTo(ChromeDriver browser, String css) {
        WebElement target = browser.findElement(By.cssSelector(css));
        for (int i = 0; i < 200; i++) {
            if (browser.switchTo().activeElement().equals(target)) {
                return target;
            }
            browser.switchTo().activeElement().sendKeys(Keys.TAB);
        }
        throw new AssertionError("Tab never reached " + css + " on " + browser.getCurrentUrl());
    }
}
