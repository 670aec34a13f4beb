package org.moot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A briefing: the page's summary, the members' position, the arguments with sources, the figures; dated and traceable. */
class BriefingTest {

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

    @Test
    void aTopicBriefsWithItsSynthesisAndEveryFigureItUses() {
        String brief = new WebClient(moot).get("/brief/health").body();
        String revision = moot.site.pages().graph(java.util.Optional.empty()).snapshot().revision();
        assertThat(brief).contains("Briefing").contains("from revision <code>" + revision.substring(0, 12) + "</code>")
                .contains("/wiki/health?rev=" + revision)
                .contains("The members' position").contains("Synthesis: access, capacity and the cost of waiting")
                .contains("Median wait for a routine GP appointment").contains("(disputed)")
                .contains("Northvale Health Board");
    }

    @Test
    void aDirectionBriefsWithEveryArgumentAndItsStrongestSource() {
        String brief = new WebClient(moot).get("/brief/housing/social-housing/direction-build-12000-homes").body();
        assertThat(brief).contains("<strong>For:</strong>").contains("<strong>Against (a reply):</strong>")
                .contains("Council homes cost the public less");
        assertThat(new WebClient(moot).get("/brief/no/such/page").statusCode()).isEqualTo(404);
    }
}
