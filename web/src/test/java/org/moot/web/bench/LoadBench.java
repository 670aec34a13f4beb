package org.moot.web.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.moot.engine.Site;
import org.moot.engine.SiteFolder;
import org.moot.engine.access.Access;
import org.moot.engine.access.Role;
import org.moot.web.Server;

/**
 * The release load (not a test): run by {@code bench/load.sh}. {@code CLIENTS} clients for
 * {@code SECONDS} against a fresh demo site, each mixing page views, searches, history and diff
 * views, edits of its own page and of one page they all share, proposals and their acceptance,
 * comments, straw-poll votes and git fetches. Prints p50/p95/p99/max per kind of request, the
 * count of 5xx answers and of requests slower than 5 s, checks that every edit answered 200 is in
 * main's history, and the heap after a full collection before and after the run.
 */
public final class LoadBench {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final Pattern REVIEWED = Pattern.compile("name=\"reviewed\" value=\"([0-9a-f]{40})\"");
    private static final List<String> PAGES = List.of("", "health", "housing", "education", "health/primary-care",
            "health/primary-care/extended-gp-hours", "health/primary-care/direction-evening-weekend-appointments",
            "health/facts/gp-patients-per-gp", "housing/social-housing/damp-and-health", "education/early-years");
    private static final List<String> WORDS = List.of("gp", "housing", "evening appointments", "damp", "childcare", "kind:fact",
            "stance:against", "waiting", "council homes", "nurse");
    private static final String SHARED = "load/shared";
    /** Percent of steps that are a git fetch before any other is drawn; see bench/load.sh. */
    private static final int EXTRA_FETCHES = Integer.getInteger("load.extraFetches", 0);

    private final String base;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, List<Double>> times = new ConcurrentHashMap<>();
    private final Map<String, Map<Integer, AtomicInteger>> statuses = new ConcurrentHashMap<>();
    private final AtomicInteger errors = new AtomicInteger();
    private final AtomicInteger slow = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Integer> proposals = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final Path work;

    private LoadBench(int port, Path work) {
        this.base = "http://127.0.0.1:" + port;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        run(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        System.exit(0);
    }

    /** What a run found that must be zero (a test asks too): failed requests, and acknowledged edits missing from main. */
    public record Outcome(int failed, int lost, int acknowledged, List<String> failures) {}

    public static Outcome run(Path dir, int clients, int seconds) throws Exception {
        SiteFolder folder = SiteFolder.create(dir.resolve("site"), false, "load bench admin password");
        try (Site site = Site.open(folder, Site.Config.DEFAULT);
             Server server = new Server(site, new Server.Config("127.0.0.1", 0)).start()) {
            LoadBench bench = new LoadBench(server.port(), dir);
            List<Client> all = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                all.add(bench.client(site, c));
            }
            bench.put(all.get(0), SHARED, "---\ntitle: Shared\n---\nStart.\n", null);
            all.forEach(c -> bench.quietly(() -> bench.put(c, c.own, "---\ntitle: Page of " + c.name + "\n---\nStart.\n", null)));
            bench.run(all, 5); // warm-up
            bench.times.clear();
            bench.statuses.clear();
            long heapBefore = heapAfterGc();
            long start = System.nanoTime();
            bench.run(all, seconds);
            double took = (System.nanoTime() - start) / 1e9;
            long heapAfter = heapAfterGc();
            return bench.report(took, clients, site, heapBefore, heapAfter);
        }
    }

    /** One person with a token for scripts and a signed-in session for forms: three in four are editors, the rest members. */
    private final class Client {
        final String name;
        final String token;
        final String own;
        final boolean editor;
        final HttpClient session = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        final Random random;

        Client(String name, String token, boolean editor, int seed) {
            this.name = name;
            this.token = token;
            this.own = "load/" + name;
            this.editor = editor;
            this.random = new Random(seed);
        }
    }

    private Client client(Site site, int n) throws Exception {
        String name = "load" + n;
        boolean editor = n % 4 != 0;
        site.access().accounts().create(name, name, "", "load bench password", false);
        site.access().roles().grant(Access.site(), name, editor ? Role.EDITOR : Role.MEMBER, "Load bench");
        site.access().roles().grant(Access.site(), name, Role.MEMBER, "Load bench");
        Client c = new Client(name, site.access().accounts().createToken(name, "load").secret(), editor, n);
        String csrf = csrf(send(c, "GET", "/login", null, null).body());
        send(c, "POST", "/login", "name=" + name + "&password=" + URLEncoder.encode("load bench password", StandardCharsets.UTF_8)
                + "&csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8), "application/x-www-form-urlencoded");
        return c;
    }

    private void run(List<Client> clients, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(clients.size());
        for (Client c : clients) {
            pool.submit(() -> {
                while (System.nanoTime() < deadline) {
                    quietly(() -> step(c));
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 120L, TimeUnit.SECONDS);
    }

    private void step(Client c) throws Exception {
        if (EXTRA_FETCHES > 0 && c.random.nextInt(100) < EXTRA_FETCHES) {
            fetch(c);
            return;
        }
        int roll = c.random.nextInt(100);
        String page = PAGES.get(c.random.nextInt(PAGES.size()));
        String id = page.isEmpty() ? "index" : page;
        if (roll < 40) {
            timed("page view", c, "GET", "/wiki/" + page, null, null);
        } else if (roll < 55) {
            timed("search", c, "GET", "/search?q=" + URLEncoder.encode(WORDS.get(c.random.nextInt(WORDS.size())), StandardCharsets.UTF_8), null, null);
        } else if (roll < 62) {
            timed("history", c, "GET", "/history/" + id, null, null);
        } else if (roll < 66) {
            JsonNode history = json.readTree(send(c, "GET", "/api/pages/" + id + "/history", null, null).body());
            if (history.size() >= 2) {
                timed("diff", c, "GET", "/diff/" + id + "?from=" + history.get(history.size() - 1).path("revision").asText()
                        + "&to=" + history.get(0).path("revision").asText(), null, null);
            }
        } else if (roll < 74) {
            edit(c, c.own, "edit (own page)");
        } else if (roll < 79) {
            edit(c, SHARED, "edit (shared page)");
        } else if (roll < 83) {
            propose(c);
        } else if (roll < 86 && c.editor) {
            accept(c);
        } else if (roll < 90) {
            String talk = "/talk/" + (page.isEmpty() ? "index" : page);
            String form = "action=comment&text=" + URLEncoder.encode("Load comment by " + c.name, StandardCharsets.UTF_8)
                    + "&csrf=" + URLEncoder.encode(csrf(send(c, "GET", talk, null, null).body()), StandardCharsets.UTF_8);
            timed("comment", c, "POST", talk, form, "application/x-www-form-urlencoded");
        } else if (roll < 94) {
            timed("vote", c, "POST", "/api/governance/2/vote", "{\"choices\": [\"" + (1 + c.random.nextInt(5)) + "\"]}", "application/json");
        } else {
            fetch(c);
        }
    }

    /** Reads the page's revision, appends a line, saves with that base: 200 (recorded), or 409 when someone was first. */
    private void edit(Client c, String id, String kind) throws Exception {
        if (!c.editor) {
            propose(c); // a member's edit of a plain page is a proposal
            return;
        }
        JsonNode page = json.readTree(send(c, "GET", "/api/pages/" + id, null, null).body());
        String text = page.path("markdown").asText() + "\nLine by " + c.name + " at " + System.nanoTime() + ".\n";
        long start = System.nanoTime();
        HttpResponse<String> r = put(c, id, text, page.path("revision").asText());
        record(kind, start, r);
        if (r.statusCode() == 200) {
            acknowledged.add(json.readTree(r.body()).path("revision").asText());
        }
    }

    private void propose(Client c) throws Exception {
        if (c.editor) {
            return; // an editor's edit is published, not proposed
        }
        JsonNode page = json.readTree(send(c, "GET", "/api/pages/" + PAGES.get(1), null, null).body());
        long start = System.nanoTime();
        HttpResponse<String> r = put(c, PAGES.get(1), page.path("markdown").asText() + "\nProposed by " + c.name + ".\n",
                page.path("revision").asText());
        record("proposal", start, r);
        if (r.statusCode() == 202) {
            proposals.add(json.readTree(r.body()).path("proposal").asInt());
        }
    }

    private void accept(Client c) throws Exception {
        Integer n = proposals.poll();
        if (n == null) {
            return;
        }
        String html = send(c, "GET", "/proposals/" + n, null, null).body();
        Matcher reviewed = REVIEWED.matcher(html);
        if (!reviewed.find()) {
            return;
        }
        timed("accept", c, "POST", "/proposals/" + n + "/accept", "reviewed=" + reviewed.group(1) + "&csrf="
                + URLEncoder.encode(csrf(html), StandardCharsets.UTF_8), "application/x-www-form-urlencoded");
    }

    /** A git fetch into the client's own bare repository (a clone the first time). */
    private void fetch(Client c) throws Exception {
        Path repo = work.resolve("fetch-" + c.name);
        List<String> command = Files.exists(repo) ? List.of("git", "--git-dir", repo.toString(), "fetch", "-q", "origin", "+refs/heads/main:refs/heads/main")
                : List.of("git", "clone", "-q", "--bare", base + "/git/content.git", repo.toString());
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        add("git fetch", start);
        if (exit != 0) {
            errors.incrementAndGet();
            failures.add("git fetch: " + out.strip());
        }
    }

    private HttpResponse<String> put(Client c, String id, String markdown, String baseRevision) throws Exception {
        Map<String, Object> body = new java.util.LinkedHashMap<>(Map.of("markdown", markdown, "summary", "load"));
        if (baseRevision != null) {
            body.put("baseRevision", baseRevision);
        }
        return send(c, "PUT", "/api/pages/" + id, json.writeValueAsString(body), "application/json");
    }

    private void timed(String kind, Client c, String method, String path, String body, String type) throws Exception {
        long start = System.nanoTime();
        record(kind, start, send(c, method, path, body, type));
    }

    private void record(String kind, long start, HttpResponse<String> r) {
        add(kind, start);
        statuses.computeIfAbsent(kind, k -> new ConcurrentHashMap<>()).computeIfAbsent(r.statusCode(), s -> new AtomicInteger()).incrementAndGet();
        if (r.statusCode() >= 500) {
            errors.incrementAndGet();
            failures.add(kind + ": " + r.statusCode() + " " + r.uri());
        }
    }

    private void add(String kind, long start) {
        double ms = (System.nanoTime() - start) / 1e6;
        times.computeIfAbsent(kind, k -> Collections.synchronizedList(new ArrayList<>())).add(ms);
        if (ms > 5000) {
            slow.incrementAndGet();
        }
    }

    private HttpResponse<String> send(Client c, String method, String path, String body, String type) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (path.startsWith("/api/")) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((c.name + ":" + c.token).getBytes(StandardCharsets.UTF_8)));
        }
        if (type != null) {
            b.header("Content-Type", type);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return c.session.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        return m.find() ? m.group(1) : "";
    }

    private void quietly(Callable step) {
        try {
            step.call();
        } catch (Exception e) {
            errors.incrementAndGet();
            failures.add("client: " + e);
        }
    }

    private interface Callable {
        void call() throws Exception;
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    private Outcome report(double seconds, int clients, Site site, long heapBefore, long heapAfter) throws Exception {
        int total = times.values().stream().mapToInt(List::size).sum();
        System.out.printf("%d clients for %.0f s: %d requests (%.0f/s)%n", clients, seconds, total, total / seconds);
        System.out.printf("%-20s %7s %9s %9s %9s %9s  %s%n", "kind", "n", "p50 ms", "p95 ms", "p99 ms", "max ms", "answers");
        new TreeMap<>(times).forEach((kind, list) -> {
            List<Double> ms = new ArrayList<>(list);
            Collections.sort(ms);
            System.out.printf("%-20s %7d %9.1f %9.1f %9.1f %9.1f  %s%n", kind, ms.size(), pct(ms, 0.5), pct(ms, 0.95), pct(ms, 0.99),
                    ms.get(ms.size() - 1), new TreeMap<>(statuses.getOrDefault(kind, Map.of())));
        });
        // Every edit answered 200 must be in main's history.
        String main = site.tip().revision();
        int lost = 0;
        for (String revision : acknowledged) {
            Process p = new ProcessBuilder("git", "--git-dir", site.folder().content().toString(), "merge-base", "--is-ancestor",
                    revision, main).start();
            if (p.waitFor() != 0) {
                lost++;
                failures.add("acknowledged edit " + revision + " is not in main");
            }
        }
        System.out.printf("5xx and failed requests: %d (target 0); slower than 5 s: %d (target 0); edits acknowledged: %d, lost: %d (target 0)%n",
                errors.get(), slow.get(), acknowledged.size(), lost);
        System.out.printf("heap after a full collection: %.0f MB before the run, %.0f MB after (%.2f×)%n",
                heapBefore / 1e6, heapAfter / 1e6, (double) heapAfter / heapBefore);
        failures.stream().distinct().limit(20).forEach(f -> System.out.println("  " + f));
        return new Outcome(errors.get(), lost, acknowledged.size(), List.copyOf(failures));
    }

    private static double pct(List<Double> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(p * sorted.size())));
    }
}
