package org.moot.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PageIdTest {

    @Test
    void foldersAndIndexFilesNameTheSamePage() {
        assertThat(PageId.fromPath("health/index.md")).contains(PageId.of("health"));
        assertThat(PageId.fromPath("index.md")).contains(PageId.HOME);
        assertThat(PageId.fromPath("health/primary-care/gp-hours.md")).contains(PageId.of("health/primary-care/gp-hours"));
        assertThat(PageId.of("health/index")).isEqualTo(PageId.of("health"));
        assertThat(PageId.of("index")).isEqualTo(PageId.HOME);
    }

    @Test
    void existingWikiFileNamesAreServedUnderTheIdAPersonWouldType() {
        assertThat(PageId.fromPath("Energy_Policy.md")).contains(PageId.of("energy-policy"));
        assertThat(PageId.fromPath("Home Page.md")).contains(PageId.of("home-page"));
    }

    @Test
    void aFolderCalledIndexCannotHoldAPageThatWouldNameItsParentsFile() {
        assertThat(PageId.fromPath("index/index.md")).isEmpty();
        assertThat(PageId.fromPath("health/index/index.md")).isEmpty();
        assertThat(PageId.pathProblem("health/index/index.md")).get().asString().contains("ends in 'index'");
        assertThat(PageId.of("health/index")).isEqualTo(PageId.of("health"));
        assertThat(PageId.of("health/index/more")).hasToString("health/index/more"); // only the last segment
    }

    @Test
    void aNewFileMustBeNamedByAnIdAsWrittenThoughOldNamesAreStillRead() {
        assertThat(PageId.pathProblem("Home Page.md")).get().asString().contains("'Home Page' is not a valid page id");
        assertThat(PageId.pathProblem("health/a+b.md")).get().asString().contains("may only use lower-case letters");
        assertThat(PageId.pathProblem("health/index.md")).isEmpty();
        assertThat(PageId.pathProblem("index.md")).isEmpty();
        assertThat(PageId.pathProblem("health/chart.PNG")).as("not Markdown: not a page's file").isEmpty();
        assertThat(PageId.pathProblem("talk/health/0001.md")).as("reserved: judged elsewhere").isEmpty();
    }

    @Test
    void settingsDiscussionAndOtherFilesAreNotPages() {
        assertThat(PageId.fromPath(".moot/site.yaml")).isEmpty();
        assertThat(PageId.fromPath(".moot/log.md")).isEmpty();
        assertThat(PageId.fromPath("talk/health/0001.md")).isEmpty();
        assertThat(PageId.fromPath("health/chart.png")).isEmpty();
        assertThat(PageId.fromPath("a/../b.md")).isEmpty();
    }

    @Test
    void foldersLeadUpToHome() {
        assertThat(PageId.of("a/b/c").folder()).contains(PageId.of("a/b"));
        assertThat(PageId.of("a").folder()).contains(PageId.HOME);
        assertThat(PageId.HOME.folder()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "../etc/passwd       | contains '..'",
        "health/../../x      | contains '..'",
        "/etc/passwd         | absolute path",
        "health\\\\x         | backslash",
        "Health              | lower-case letters",
        "health//x           | empty segment",
        "health/x.md         | lower-case letters",
        "health/ x           | lower-case letters",
    })
    void refusesAnythingThatIsNotAnId(String id, String reason) {
        assertThatThrownBy(() -> PageId.of(id.strip()))
                .isInstanceOf(InvalidPageIdException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void refusesControlCharactersAndOverlongIds() {
        assertThatThrownBy(() -> PageId.of("health/x\u0000")).hasMessageContaining("control character")
                .hasMessageContaining("\\u0000");
        assertThatThrownBy(() -> PageId.of("a".repeat(121))).hasMessageContaining("longer than 120");
        assertThatThrownBy(() -> PageId.of(("a".repeat(100) + "/").repeat(3) + "a"))
                .hasMessageContaining("longer than 255");
        assertThat(PageId.of("a".repeat(120)).value()).hasSize(120);
    }
}
