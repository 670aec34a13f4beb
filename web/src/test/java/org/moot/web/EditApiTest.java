package org.moot.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code PUT /api/pages/<id>} and the history calls, with tokens from {@code moot user add}. */
class EditApiTest {

    @TempDir
    Path tmp;
    TestServer moot;
    final ObjectMapper json = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        moot = new TestServer(tmp);
    }

    @AfterEach
    void stop() {
        moot.close();
    }

    private String[] user(String name, String role) {
        return new String[] {name, moot.userAdd(name, role).get(1)};
    }

    private HttpResponse<String> put(String[] who, String id, Map<String, Object> body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(moot.url("/api/pages/" + id)))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (who != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((who[0] + ":" + who[1]).getBytes()));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object> body(String markdown, String base, String summary) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("markdown", markdown);
        if (base != null) {
            body.put("baseRevision", base);
        }
        body.put("summary", summary);
        return body;
    }

    private JsonNode page(String id) {
        return moot.json("/api/pages/" + id);
    }

    @Test
    void editorsPublishMembersProposeAndConflictsComeBackWithEverySide() throws Exception {
        String[] ed = user("ed", "editor");
        String[] mo = user("mo", "member");
        JsonNode health = page("health");
        String base = health.get("revision").asText();
        String text = health.get("markdown").asText();

        var published = put(ed, "health", body(text.replace("Most of the health debate", "Most of our health debate"), base, "Retitle sections"));
        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
        JsonNode merged = json.readTree(published.body());
        assertThat(merged.get("merged").asBoolean()).isTrue();
        assertThat(page("health").get("markdown").asText()).contains("Most of our health debate");

        var proposed = put(mo, "health", body(text + "\nA member's idea.\n", page("health").get("revision").asText(), "Idea"));
        assertThat(proposed.statusCode()).isEqualTo(202);
        assertThat(json.readTree(proposed.body()).get("proposal").asInt()).isPositive();
        assertThat(page("health").get("markdown").asText()).doesNotContain("A member's idea.");

        // Same base as the published edit, same lines: a conflict, with base, theirs, yours and the markers.
        var conflict = put(ed, "health", body(text.replace("Most of the health debate", "Much of the health debate"), base, "Other retitle"));
        assertThat(conflict.statusCode()).isEqualTo(409);
        JsonNode c = json.readTree(conflict.body()).get("conflict");
        assertThat(c.get("base").asText()).isEqualTo(text);
        assertThat(c.get("theirs").asText()).contains("Most of our health debate");
        assertThat(c.get("yours").asText()).contains("Much of the health debate");
        assertThat(c.get("merged").asText()).contains("<<<<<<< main").contains(">>>>>>> yours");

        // Resolve on the same edit, against the revision the conflict names.
        String both = text.replace("Most of the health debate", "Most of our (and much of the) health debate");
        Map<String, Object> resolution = body(both, c.get("against").asText(), "Resolve");
        resolution.put("edit", c.get("edit").asInt());
        var resolved = put(ed, "health", resolution);
        assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);

        JsonNode history = moot.json("/api/pages/health/history");
        assertThat(page("health").get("markdown").asText()).isEqualTo(both);
        assertThat(history.get(0).get("summary").asText()).isEqualTo("Resolve");
        assertThat(history.findValuesAsText("summary")).contains("Retitle sections");
        JsonNode changes = moot.json("/api/changes?limit=5");
        assertThat(changes.get(0).get("pages").get(0).get("id").asText()).isEqualTo("health");
    }

    @Test
    void invalidContentUnknownUsersAndFactsAreRefused() throws Exception {
        String[] ed = user("ed", "editor");
        var invalid = put(ed, "health/new-fact", body("---\ntitle: A figure\nkind: fact\n---\n", null, "new"));
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(json.readTree(invalid.body()).get("errors").findValuesAsText("message"))
                .contains("a fact must list its 'sources'");
        assertThat(moot.get("/api/pages/health/new-fact").statusCode()).isEqualTo(404);

        assertThat(put(null, "health", body("x", null, "")).statusCode()).isEqualTo(401);
        assertThat(put(new String[] {"ed", "moot_wrong"}, "health", body("x", null, "")).statusCode()).isEqualTo(401);

        // A member's edit to a fact page, and to .moot/, go nowhere near main.
        String[] mo = user("mo", "member");
        JsonNode fact = page("health/facts/gp-patients-per-gp");
        var factEdit = put(mo, "health/facts/gp-patients-per-gp",
                body(fact.get("markdown").asText().replace("2140", "1"), fact.get("revision").asText(), "Change the figure"));
        assertThat(factEdit.statusCode()).isEqualTo(202);
        assertThat(page("health/facts/gp-patients-per-gp").get("markdown").asText()).contains("2140");

        var created = put(ed, "health/new-page", body("---\ntitle: New page\n---\nHello.\n", null, "Create"));
        assertThat(created.statusCode()).isEqualTo(200);
        var again = put(ed, "health/new-page", body("---\ntitle: Also new\n---\nMine.\n", null, "Create too"));
        assertThat(again.statusCode()).as("creating over an existing page is a conflict, not an overwrite").isEqualTo(409);
        assertThat(page("health/new-page").get("title").asText()).isEqualTo("New page");
        assertThat(put(ed, "health", Map.of("summary", "no markdown")).statusCode()).isEqualTo(400);
    }
}
