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
        ChromeOptions options = new ChromeOptions();
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

                Path shot = Path.of("target", "screenshots", "two-trails.png");
                Files.createDirectories(shot.getParent());
                Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
                assertThat(Files.size(shot)).isGreaterThan(10_000);
            } finally {
                browser.quit();
            }
        }
    }
}
