package org.moot.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moot.engine.SiteFolder;

/** Search follows main whoever moves it: the editor, plain git in the folder, or a commit made while the server was down. */
class SearchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void anEditIsFoundByTheVeryNextSearch() throws Exception {
        try (TestServer moot = new TestServer(tmp)) {
            String token = moot.userAdd("ed", "editor").get(1);
            assertThat(moot.json("/api/search?q=zanzibar").path("total").asInt()).isZero();
            HttpResponse<String> put = put(moot.url("/api/pages/health/zanzibar"), "ed", token,
                    "---\ntitle: Zanzibar clinics\n---\nMobile clinics for the Zanzibar estate.\n");
            assertThat(put.statusCode()).isEqualTo(200);
            JsonNode found = moot.json("/api/search?q=zanzibar");
            assertThat(found.path("total").asInt()).isEqualTo(1);
            assertThat(found.path("hits").get(0).path("id").asText()).isEqualTo("health/zanzibar");
            assertThat(found.path("hits").get(0).path("snippet").asText()).contains("<mark>Zanzibar</mark>");
        }
    }

    @Test
    void argumentsAgainstAreListedWithWhatTheyArgueAbout() {
        try (TestServer moot = new TestServer(tmp)) {
            HttpResponse<String> page = moot.get("/search?q=borrowing&kind=argument&stance=against");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("borrowing puts existing tenants at risk").contains("Argues against")
                    .contains("Kind: Argument").contains("Stance: against");
            JsonNode api = moot.json("/api/search?q=borrowing&kind=argument&stance=against");
            assertThat(api.path("hits")).allSatisfy(h -> assertThat(h.path("stance").asText()).isEqualTo("against"));
            assertThat(api.path("facets").path("kind").get(0).path("value").asText()).isEqualTo("argument");
            JsonNode all = moot.json("/api/search?q=homes");
            assertThat(all.path("facets").path("stance").size()).isEqualTo(2);
            assertThat(moot.get("/search?q=%22unbalanced").statusCode()).isEqualTo(200);
            assertThat(moot.get("/search?q=*").body()).contains("at least one word");
            assertThat(moot.get("/api/search?q=" + "word+".repeat(100)).statusCode()).isEqualTo(400);
        }
    }

    @Test
    void aCommitPushedIntoTheFolderWithGitIsFoundAndShown() throws Exception {
        try (TestServer moot = new TestServer(tmp)) {
            pushWithGit(moot.folder, "health/quokka.md", "---\ntitle: Quokka outreach\n---\nA quokka visits every ward.\n");
            JsonNode found = moot.json("/api/search?q=quokka");
            assertThat(found.path("total").asInt()).isEqualTo(1);
            assertThat(found.path("hits").get(0).path("changedBy").asText()).isEqualTo("Pat Pusher");
            assertThat(moot.get("/search?q=quokka").body()).contains("by Pat Pusher");
            assertThat(moot.get("/wiki/health/quokka").body()).contains("Quokka outreach");
        }
    }

    @Test
    void afterAKillAndACommitWhileDownTheIndexHasCaughtUpBeforeTheFirstSearch() throws Exception {
        SiteFolder folder = SiteFolder.create(tmp.resolve("site"), false, TestServer.ADMIN_PASSWORD);
        Path log = tmp.resolve("server.log");
        try (ServerProcess server = ServerProcess.start(folder.dir(), log)) {
            assertThat(search(server, "wombat").path("total").asInt()).isZero();
            server.kill();
        }
        pushWithGit(folder, "housing/wombat.md", "---\ntitle: Wombat burrows\n---\nBurrows as a model of social housing.\n");
        try (ServerProcess server = ServerProcess.start(folder.dir(), log)) {
            JsonNode found = search(server, "wombat");
            assertThat(found.path("total").asInt()).as(Files.readString(log)).isEqualTo(1);
        }
    }

    /** Clones content.git, commits a file with the git command line and pushes it straight back into the folder. */
    static void pushWithGit(SiteFolder folder, String path, String text) throws Exception {
        Path work = Files.createTempDirectory(folder.dir().getParent(), "clone-");
        git(folder.dir().getParent(), "clone", "-q", folder.content().toString(), work.toString());
        Files.createDirectories(work.resolve(path).getParent());
        Files.writeString(work.resolve(path), text);
        git(work, "add", path);
        git(work, "-c", "user.name=Pat Pusher", "-c", "user.email=pat@example.org", "commit", "-q", "-m", "Add " + path);
        git(work, "push", "-q", "origin", "HEAD:main");
    }

    private static void git(Path dir, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process git = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(git.waitFor()).as(String.join(" ", command) + "\n" + out).isZero();
    }

    private static JsonNode search(ServerProcess server, String q) throws Exception {
        return JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url("/api/search?q=" + q)))
                .build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private static HttpResponse<String> put(String url, String user, String token, String markdown) throws Exception {
        String basic = Base64.getEncoder().encodeToString((user + ":" + token).getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(java.util.Map.of("markdown", markdown)))).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
