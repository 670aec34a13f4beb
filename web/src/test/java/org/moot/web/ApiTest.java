package org.moot.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTest {

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
    void aPageHasTheFieldsDesignMdLists() {
        JsonNode page = moot.json("/api/pages/housing/social-housing/damp-and-health");
        assertThat(page.get("id").asText()).isEqualTo("housing/social-housing/damp-and-health");
        assertThat(page.get("kind").asText()).isEqualTo("page");
        assertThat(page.get("title").asText()).startsWith("Damp");
        assertThat(page.get("frontMatter").get("parents").get(0).asText()).isEqualTo("health/primary-care");
        assertThat(page.get("markdown").asText()).startsWith("---\n");
        assertThat(page.get("html").asText()).contains("<h2 id=\"md-");
        assertThat(page.get("revision").asText()).hasSize(40);
        List<List<String>> trails = new ArrayList<>();
        page.get("breadcrumbs").forEach(t -> {
            List<String> ids = new ArrayList<>();
            t.forEach(crumb -> ids.add(crumb.get("id").asText()));
            trails.add(ids);
        });
        assertThat(trails).containsExactly(
                List.of("", "housing", "housing/social-housing"),
                List.of("", "health", "health/primary-care"));
        assertThat(page.get("arguments").get("for")).isEmpty();
        assertThat(page.get("arguments").get("against")).isEmpty();
    }

    @Test
    void argumentsNestWithTheirOwnForAndAgainst() {
        JsonNode arguments = moot.json("/api/pages/housing/social-housing/direction-build-12000-homes").get("arguments");
        assertThat(arguments.get("for")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(arguments.get("against")).hasSizeGreaterThanOrEqualTo(2);
        JsonNode borrowing = null;
        for (JsonNode node : arguments.get("against")) {
            if (node.get("id").asText().endsWith("against-council-homes-borrowing-risk")) {
                borrowing = node;
            }
        }
        assertThat(borrowing).isNotNull();
        JsonNode rebuttal = borrowing.get("against").get(0);
        assertThat(rebuttal.get("id").asText()).endsWith("rents-repay-borrowing");
        assertThat(rebuttal.get("against").get(0).get("id").asText()).endsWith("rent-income-not-guaranteed");
        assertThat(rebuttal.get("against").get(0).get("stance").asText()).isEqualTo("against");
    }

    @Test
    void errorsAreJson() {
        var missing = moot.get("/api/pages/health/nothing-here");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(moot.json("/api/pages/health/nothing-here").get("error").asText()).contains("no page 'health/nothing-here'");
        var bad = moot.get("/api/pages/Health%20Care");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"error\"").contains("not a valid page id");
    }
}
