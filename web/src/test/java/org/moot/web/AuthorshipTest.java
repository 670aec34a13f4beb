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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Authorship goes by account name: a display name cannot make anyone the author of a paper. */
class AuthorshipTest {

    private static final String PAPER = "health/primary-care/extended-gp-hours";

    @TempDir
    Path tmp;
    TestServer moot;
    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void start() {
        moot = new TestServer(tmp);
    }

    @AfterEach
    void stop() {
        moot.close();
    }

    private HttpResponse<String> put(String user, String token, String id, String markdown, String base) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("markdown", markdown);
        if (base != null) {
            body.put("baseRevision", base);
        }
        body.put("summary", "An edit");
        var request = HttpRequest.newBuilder(URI.create(moot.url("/api/pages/" + id)))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + token).getBytes()))
                .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> appendTo(String id, String user, String token) throws Exception {
        JsonNode page = moot.json("/api/pages/" + id);
        return put(user, token, id, page.get("markdown").asText() + "\nOne more line.\n", page.get("revision").asText());
    }

    private HttpResponse<String> rename(WebClient member, String name, String displayName) {
        return member.submit("/members/" + name, "/members/" + name + "/profile", Map.of("displayName", displayName, "bio", ""));
    }

    @Test
    void takingAnAuthorsNameNeitherWorksNorPublishesTheirPaper() throws Exception {
        List<String> priya = moot.userAdd("priya", "member");
        WebClient member = new WebClient(moot);
        member.signIn("priya", priya.get(0));

        var renamed = rename(member, "priya", "Dr Priya Raman");
        assertThat(renamed.statusCode()).isEqualTo(400);
        assertThat(renamed.body()).contains("Dr Priya Raman");
        assertThat(moot.site.access().accounts().find("priya").orElseThrow().displayName()).isEqualTo("priya");
        assertThat(rename(member, "priya", "  dr   PRIYA raman ").statusCode()).isEqualTo(400);

        assertThat(appendTo(PAPER, "priya", priya.get(1)).statusCode()).isEqualTo(202);
    }

    @Test
    void takingAnotherMembersNameNeitherWorksNorPublishesTheirPaper() throws Exception {
        String editor = moot.userAdd("ed", "editor").get(1);
        assertThat(put("ed", editor, "health/admins-paper", "---\ntitle: Admin's paper\nkind: paper\nauthors:\n  - admin\n---\nText.\n", null)
                .statusCode()).isEqualTo(200);
        List<String> mallory = moot.userAdd("mallory", "member");
        WebClient member = new WebClient(moot);
        member.signIn("mallory", mallory.get(0));

        assertThat(rename(member, "mallory", "admin").statusCode()).isEqualTo(400);
        assertThat(rename(member, "mallory", "Site admin").statusCode()).as("admin's display name").isEqualTo(400);
        assertThat(rename(member, "mallory", "Moot").statusCode()).as("the site's own name").isEqualTo(400);
        assertThat(moot.site.access().accounts().find("mallory").orElseThrow().displayName()).isEqualTo("mallory");
        assertThat(appendTo("health/admins-paper", "mallory", mallory.get(1)).statusCode()).isEqualTo(202);

        assertThat(rename(member, "mallory", "Mallory Jones").statusCode()).as("a name of one's own").isEqualTo(303);
    }

    @Test
    void registeringUnderSomeoneElsesNameIsRefused() {
        var answer = new WebClient(moot).submit("/register", "/register", Map.of("name", "eve", "displayName", "Admin",
                "email", "", "password", "a long enough secret"));
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(moot.site.access().accounts().find("eve")).isEmpty();
    }
}
