package org.moot.web.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.moot.engine.Site;
import org.moot.engine.SiteFolder;
import org.moot.engine.access.Access;
import org.moot.engine.access.Role;
import org.moot.web.Server;

/**
 * Many open edit branches, over HTTP (not a test): run by {@code bench/branches.sh}. Makes a site
 * with {@code BRANCHES} open edit branches through the JSON API (three in four from 409s: a
 * member's {@code PUT} without {@code baseRevision} on an existing page; the rest proposals), then
 * times {@code /proposals} and a member's page against the 50 ms target, with {@code /static/moot.css}
 * as the reference; then {@code CLIENTS} clients each saving one-page edits at once (only the
 * {@code PUT} is timed; a client reads each of its pages once, then edits from what it saved).
 */
public final class BranchesBench {

    private static final double TARGET_MS = 50;
    private final HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(8)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final String base;

    private BranchesBench(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public static void main(String[] args) throws Exception {
        Path siteDir = Path.of(args[0]);
        List<String> urls = new ArrayList<>(Files.readAllLines(Path.of(args[1])));
        int branches = Integer.parseInt(args[2]);
        int clients = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        Collections.shuffle(urls, new Random(7));
        try (Site site = Site.open(new SiteFolder(siteDir), Site.Config.DEFAULT);
             Server server = new Server(site, new Server.Config("127.0.0.1", 0)).start()) {
            BranchesBench bench = new BranchesBench(server.port());
            bench.addUser(site, "editor", Role.EDITOR);
            for (int m = 0; m < 8; m++) {
                bench.addUser(site, "member" + m, Role.MEMBER);
            }
            bench.makeBranches(urls, branches);
            bench.timeReads();
            bench.concurrentEdits(urls, 1, Math.min(seconds, 5));
            String jfr = System.getProperty("bench.jfr", "");
            if (jfr.isEmpty()) {
                bench.concurrentEdits(urls, clients, seconds);
            } else {
                // Profiles only the concurrent edits: read it with `jfr print --events jdk.ExecutionSample FILE`.
                try (jdk.jfr.Recording recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"))) {
                    recording.start();
                    bench.concurrentEdits(urls, clients, seconds);
                    recording.dump(Path.of(jfr));
                }
            }
        }
        System.exit(0);
    }

    private void addUser(Site site, String name, Role role) {
        site.access().accounts().create(name, name, "", "bench password " + name, false);
        site.access().roles().grant(Access.site(), name, role, "Add " + name + " (bench)");
        tokens.put(name, site.access().accounts().createToken(name, "bench").secret());
    }

    /** Three in four: a member overwriting an existing page without a base (409); the rest: proposals (202). */
    private void makeBranches(List<String> urls, int count) throws Exception {
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicInteger conflicts = new AtomicInteger();
        AtomicInteger proposals = new AtomicInteger();
        for (int i = 0; i < count; i++) {
            int n = i;
            pool.submit(() -> {
                String member = "member" + n % 8;
                String page = urls.get(n % (urls.size() / 2));
                JsonNode current = getJson("/api/pages/" + page);
                String text = current.get("markdown").asText() + "\nbench line " + n + "\n";
                boolean conflict = n % 4 != 0;
                int status = put(member, page, text, conflict ? null : current.get("revision").asText(), "bench " + n);
                (status == 409 ? conflicts : status == 202 ? proposals : new AtomicInteger()).incrementAndGet();
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
        System.out.printf("made %d open edit branches in %.0f s: %d from 409s, %d proposals%n", count,
                (System.nanoTime() - start) / 1e9, conflicts.get(), proposals.get());
    }

    private void timeReads() throws Exception {
        for (int i = 0; i < 3; i++) { // warm-up: class loading, JIT, and whatever is built once
            get("/static/moot.css");
        }
        time("/static/moot.css (reference)", "/static/moot.css", 200);
        time("/proposals (anonymous)", "/proposals", 50);
        time("/members/member3 (anonymous)", "/members/member3", 50);
        time("/members/editor (anonymous)", "/members/editor", 50);
    }

    /** At most {@code samples} requests, and no more than 90 s of them (the first request is reported apart). */
    private void time(String name, String path, int samples) throws Exception {
        long first = System.nanoTime();
        int size = get(path).length();
        double firstMs = (System.nanoTime() - first) / 1e6;
        List<Double> ms = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (ms.size() < samples && System.nanoTime() < deadline) {
            long t = System.nanoTime();
            get(path);
            ms.add((System.nanoTime() - t) / 1e6);
        }
        Collections.sort(ms);
        System.out.printf("%-32s first=%9.1f ms  n=%-4d p50=%9.2f ms  p95=%9.2f ms  (target < %.0f ms: %s)  %d bytes%n",
                name, firstMs, ms.size(), pct(ms, 0.5), pct(ms, 0.95), TARGET_MS,
                pct(ms, 0.5) < TARGET_MS ? "met" : "missed", size);
    }

    /** {@code clients} editors, each saving one-line edits to its own pages with a base revision. */
    private void concurrentEdits(List<String> urls, int clients, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        ConcurrentLinkedQueue<Double> ms = new ConcurrentLinkedQueue<>();
        AtomicInteger failed = new AtomicInteger();
        java.util.concurrent.CyclicBarrier ready = new java.util.concurrent.CyclicBarrier(clients);
        for (int c = 0; c < clients; c++) {
            int client = c;
            pool.submit(() -> {
                // Like a script editing its own four pages: each is read once, before the clock starts;
                // then its text and the revision the last save published are the next edit's text and base.
                Map<String, String[]> known = new java.util.HashMap<>();
                List<String> mine = new ArrayList<>();
                for (int p = 0; p < 4; p++) {
                    String page = urls.get(urls.size() - 1 - client * 4 - p);
                    JsonNode read = getJson("/api/pages/" + page);
                    known.put(page, new String[] {read.get("markdown").asText(), read.get("revision").asText()});
                    mine.add(page);
                }
                ready.await();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
                for (int i = 0; System.nanoTime() < deadline; i++) {
                    String page = mine.get(i % mine.size());
                    String[] current = known.get(page);
                    String text = current[0] + "\nconcurrent " + client + "/" + i + "\n";
                    long t = System.nanoTime();
                    HttpResponse<String> saved = send("editor", page, text, current[1], "concurrent " + client + "/" + i);
                    ms.add((System.nanoTime() - t) / 1e6);
                    if (saved.statusCode() != 200) {
                        failed.incrementAndGet();
                        JsonNode read = getJson("/api/pages/" + page);
                        known.put(page, new String[] {read.get("markdown").asText(), read.get("revision").asText()});
                    } else {
                        known.put(page, new String[] {text, json.readTree(saved.body()).get("revision").asText()});
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 120L, TimeUnit.SECONDS);
        List<Double> sorted = new ArrayList<>(ms);
        Collections.sort(sorted);
        double elapsed = seconds;
        System.out.printf("%2d client(s) saving one-page edits  n=%-5d p50=%7.1f ms  p99=%7.1f ms  max=%7.1f ms  %.0f edits/s  not merged=%d%n",
                clients, sorted.size(), pct(sorted, 0.5), pct(sorted, 0.99), sorted.get(sorted.size() - 1),
                sorted.size() / elapsed, failed.get());
    }

    private static double pct(List<Double> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) (q * sorted.size())));
    }

    private String get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + r.statusCode());
        }
        return r.body();
    }

    private JsonNode getJson(String path) throws Exception {
        return json.readTree(get(path));
    }

    private int put(String user, String page, String markdown, String baseRevision, String summary) throws Exception {
        return send(user, page, markdown, baseRevision, summary).statusCode();
    }

    private HttpResponse<String> send(String user, String page, String markdown, String baseRevision, String summary)
            throws Exception {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("markdown", markdown, "summary", summary));
        if (baseRevision != null) {
            body.put("baseRevision", baseRevision);
        }
        String basic = Base64.getEncoder().encodeToString((user + ":" + tokens.get(user)).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(base + "/api/pages/" + page))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
