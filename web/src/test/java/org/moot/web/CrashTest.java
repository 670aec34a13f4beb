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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moot.engine.SiteFolder;

/**
 * The server is killed with SIGKILL in the middle of a stream of writes, ballots and git pushes,
 * again and again, and lock files are planted by hand as a crash leaves them. After the restarts each
 * acknowledged edit and ballot is there, the repository is sound ({@code git fsck --full}), and the next write goes through within
 * seconds.
 */
class CrashTest {

    /** Kills per run: 4 in CI; bench/crash.sh asks for more ({@code -Dmoot.crash.rounds=24}). */
    private static final int ROUNDS = Integer.getInteger("moot.crash.rounds", 4);
    private static final int WRITERS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** What one writer thread did to its own page: the last counter acknowledged and the last one sent. */
    private record Progress(int acknowledged, int sent) {}

    /** What one writer's voter did in the demo's straw poll: the receipt last acknowledged, and the answer sent since, if any. */
    private record Voted(String receipt, String inFlight) {}

    /**
     * What the server answered, by kind: pages created (id to text), each writer's own page, each
     * voter's ballot, proposals made (number to summary), and writes refused with an error status.
     */
    private record Acknowledged(Map<String, String> created, Map<String, Progress> edited, Map<String, Voted> voted,
                                Map<Integer, String> proposed, Map<String, Integer> refused) {}

    @Test
    void killedMidWriteItLosesNothingAcknowledgedAndWritesAgain() throws Exception {
        SiteFolder folder = SiteFolder.create(tmp.resolve("site"), false, TestServer.ADMIN_PASSWORD);
        String token = TestServer.userAdd(folder, "ed", "editor").get(1);
        List<String> voterTokens = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            voterTokens.add(TestServer.userAdd(folder, "v" + w, "member").get(1));
        }
        Map<String, String> created = new ConcurrentHashMap<>();
        Map<String, Progress> edited = new ConcurrentHashMap<>();
        Map<String, Voted> voted = new ConcurrentHashMap<>();
        Map<Integer, String> proposed = new ConcurrentHashMap<>();
        Map<String, Integer> refused = new ConcurrentHashMap<>();
        java.util.Set<String> pushed = ConcurrentHashMap.newKeySet();
        Path log = tmp.resolve("server.log");
        for (int round = 0; round < ROUNDS; round++) {
            ServerProcess server = ServerProcess.start(folder.dir(), log);
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                int r = round;
                writers.add(new Thread(() -> write(server, token, voterTokens.get(writer), r, writer, running,
                        new Acknowledged(created, edited, voted, proposed, refused))));
            }
            int r = round;
            writers.add(new Thread(() -> push(server, token, r, running, pushed)));
            int before = created.size();
            int proposedBefore = proposed.size();
            writers.forEach(Thread::start);
            // Kill mid-stream: once writes of every kind are flowing, at a moment that differs from round to round.
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while ((created.size() < before + WRITERS || proposed.size() == proposedBefore) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(150L + 250L * round);
            server.kill();
            running.set(false);
            for (Thread t : writers) {
                t.join();
            }
            if (round % 2 == 1) {
                plantLocks(folder);
            }
        }
        assertThat(created).as(Files.readString(log)).hasSizeGreaterThanOrEqualTo(ROUNDS * WRITERS);
        assertThat(pushed).as("pushes acknowledged").isNotEmpty();

        try (ServerProcess server = ServerProcess.start(folder.dir(), log)) {
            long start = System.nanoTime();
            HttpResponse<String> after = put(server, token, "crash/after", page("After the crashes", "written"), Optional.empty());
            assertThat(after.statusCode()).as(after.body() + "\n" + Files.readString(log)).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
            HttpClient http = HttpClient.newHttpClient();
            for (var e : created.entrySet()) {
                JsonNode json = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(server.url("/api/pages/" + e.getKey())))
                        .build(), HttpResponse.BodyHandlers.ofString()).body());
                assertThat(json.path("markdown").asText()).as(e.getKey()).isEqualTo(e.getValue());
            }
            for (var e : refused.entrySet()) {
                assertThat(http.send(HttpRequest.newBuilder(URI.create(server.url("/api/pages/" + e.getKey()))).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode()).as("refused with " + e.getValue() + ": " + e.getKey()).isEqualTo(404);
            }
            for (var e : proposed.entrySet()) {
                assertThat(http.send(HttpRequest.newBuilder(URI.create(server.url("/proposals/" + e.getKey()))).build(),
                        HttpResponse.BodyHandlers.ofString()).body()).as("proposal " + e.getKey()).contains(e.getValue());
            }
            // The search index caught up with every page acknowledged before the first search is answered.
            String last = created.keySet().stream().max(String::compareTo).orElseThrow();
            JsonNode hits = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(server.url("/api/search?q="
                    + java.net.URLEncoder.encode("\"Page " + last + "\"", StandardCharsets.UTF_8) + "&limit=5"))).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertThat(hits.path("hits").toString()).as("search for " + last).contains(last);
            for (var e : edited.entrySet()) {
                JsonNode json = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(server.url("/api/pages/" + e.getKey())))
                        .build(), HttpResponse.BodyHandlers.ofString()).body());
                int saved = Integer.parseInt(json.path("markdown").asText().replaceAll("(?s).*version (\\d+).*", "$1"));
                assertThat(saved).as(e.getKey()).isBetween(e.getValue().acknowledged(), e.getValue().sent());
            }
        }
        Process fsck = new ProcessBuilder("git", "--git-dir", folder.content().toString(), "fsck", "--full")
                .redirectErrorStream(true).start();
        String fsckOut = new String(fsck.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(fsck.waitFor()).as(fsckOut).isZero();
        assertThat(fsckOut).doesNotContain("error", "missing", "broken");
        assertThat(Files.readString(log)).contains("left by a process that stopped mid-write");
        // Every acknowledged ballot is in the box: the last one, or the one sent after it when the kill came before its answer.
        // Every push the git client was told succeeded is on a proposal's branch.
        for (String commit : pushed) {
            Process p = new ProcessBuilder("git", "--git-dir", folder.content().toString(), "for-each-ref", "--contains", commit,
                    "refs/heads/edit/").redirectErrorStream(true).start();
            String branches = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).isZero();
            assertThat(branches).as("pushed commit " + commit + " is on a proposal's branch").isNotBlank();
        }
        assertThat(voted).hasSize(WRITERS);
        assertThat(proposed).isNotEmpty();
        for (var e : voted.entrySet()) {
            JsonNode ballot = JSON.readTree(folder.privateDir().resolve("ballots/2/" + e.getKey() + ".json").toFile());
            if (!ballot.path("receipt").asText().equals(e.getValue().receipt())) {
                assertThat(ballot.path("choices").get(0).asText()).as(e.getKey()).isEqualTo(e.getValue().inFlight());
            }
        }
    }

    /**
     * Creates pages, edits one page of its own, proposes an edit as its member, and changes that
     * member's answer in a poll, until the server dies under it.
     */
    private static void write(ServerProcess server, String token, String voterToken, int round, int writer, AtomicBoolean running,
                              Acknowledged ack) {
        Map<String, String> created = ack.created();
        Map<String, Progress> edited = ack.edited();
        Map<String, Voted> voted = ack.voted();
        String own = "crash/writer-" + writer;
        for (int i = 0; running.get(); i++) {
            try {
                String id = "crash/r" + round + "-w" + writer + "-" + i;
                String text = page("Page " + id, "created in round " + round);
                int status = put(server, token, id, text, Optional.empty()).statusCode();
                if (status == 200) {
                    created.put(id, text);
                } else {
                    ack.refused().put(id, status);
                }
                Progress before = edited.getOrDefault(own, new Progress(0, 0));
                int next = before.sent() + 1;
                edited.put(own, new Progress(before.acknowledged(), next));
                HttpResponse<String> response = put(server, token, own, page("Writer " + writer, "version " + next),
                        base(server, own));
                if (response.statusCode() == 200) {
                    edited.put(own, new Progress(next, next));
                }
                String voter = "v" + writer;
                String answer = String.valueOf(1 + i % 5);
                voted.put(voter, new Voted(voted.getOrDefault(voter, new Voted("", "")).receipt(), answer));
                HttpResponse<String> ballot = send(server, voter, voterToken, "POST", "/api/governance/2/vote",
                        Map.of("choices", List.of(answer)));
                if (ballot.statusCode() == 200) {
                    voted.put(voter, new Voted(JSON.readTree(ballot.body()).path("receipt").asText(), ""));
                }
                String summary = "proposal r" + round + "-w" + writer + "-" + i;
                HttpResponse<String> proposal = send(server, voter, voterToken, "PUT", "/api/pages/crash/proposed-" + round + "-" + writer + "-" + i,
                        Map.of("markdown", page("Proposed", "a member's new page"), "summary", summary));
                if (proposal.statusCode() == 202) {
                    ack.proposed().put(JSON.readTree(proposal.body()).path("proposal").asInt(), summary);
                }
            } catch (Exception e) {
                return; // the server is gone
            }
        }
    }

    /**
     * A power user's clone pushing a new page at a time for review with the real git client, until
     * the server dies: the ids of the pushes git reported done.
     */
    private void push(ServerProcess server, String token, int round, AtomicBoolean running, java.util.Set<String> pushed) {
        Path home = tmp.resolve("git-home");
        Path clone = tmp.resolve("push-" + round);
        String url = server.url("/git/content.git").replace("http://", "http://ed:" + token + "@");
        try {
            Files.createDirectories(home);
            if (GitCli.run(home, tmp, "Ed", "ed@example.org", "clone", "-q", url, clone.toString()).exit() != 0) {
                return;
            }
            for (int i = 0; running.get(); i++) {
                Files.createDirectories(clone.resolve("crash"));
                Files.writeString(clone.resolve("crash/pushed-" + round + "-" + i + ".md"), page("Pushed " + round + "-" + i, "by git"));
                GitCli.run(home, clone, "Ed", "ed@example.org", "add", "-A");
                GitCli.run(home, clone, "Ed", "ed@example.org", "commit", "-qm", "Pushed " + round + "-" + i);
                // To the review queue, each under a topic of its own: a push to main would race the other writers, and lose.
                if (GitCli.run(home, clone, "Ed", "ed@example.org", "push", "-q", "origin", "HEAD:refs/for/main/crash-" + round + "-" + i)
                        .exit() == 0) {
                    pushed.add(GitCli.run(home, clone, "Ed", "ed@example.org", "rev-parse", "HEAD").output().strip());
                }
            }
        } catch (java.io.IOException e) {
            // the server is gone
        }
    }

    private static Optional<String> base(ServerProcess server, String id) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url("/api/pages/" + id)))
                .build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? Optional.of(JSON.readTree(r.body()).path("revision").asText()) : Optional.empty();
    }

    private static HttpResponse<String> put(ServerProcess server, String token, String id, String markdown,
                                            Optional<String> base) throws Exception {
        Map<String, Object> body = new java.util.LinkedHashMap<>(Map.of("markdown", markdown, "summary", "crash test"));
        base.ifPresent(b -> body.put("baseRevision", b));
        return send(server, "ed", token, "PUT", "/api/pages/" + id, body);
    }

    private static HttpResponse<String> send(ServerProcess server, String user, String token, String method, String path,
                                             Map<String, Object> body) throws Exception {
        String basic = Base64.getEncoder().encodeToString((user + ":" + token).getBytes(StandardCharsets.UTF_8));
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(
                HttpRequest.newBuilder(URI.create(server.url(path))).timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Basic " + basic).header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String page(String title, String body) {
        return "---\ntitle: " + title + "\n---\n" + body + "\n";
    }

    /** Lock files as a process killed mid-write leaves them: on main, the edit counter and an edit branch. */
    private static void plantLocks(SiteFolder folder) throws Exception {
        Path git = folder.content();
        String main = Files.readString(git.resolve("refs/heads/main")).strip();
        Files.writeString(git.resolve("refs/heads/main.lock"), main + "\n");
        Files.createDirectories(git.resolve("refs/moot"));
        Files.writeString(git.resolve("refs/moot/edit-counter.lock"), "0".repeat(40) + "\n");
        Files.createDirectories(git.resolve("refs/heads/edit/ed"));
        Files.writeString(git.resolve("refs/heads/edit/ed/99999.lock"), main + "\n");
    }
}
