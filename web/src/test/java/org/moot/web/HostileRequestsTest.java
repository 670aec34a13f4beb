package org.moot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an outsider tries with requests alone: ids that climb out of the content, a session id
 * planted before sign-in, a session or token used after it ended, and secrets that might leak
 * into the log. Cookies are handled by hand here, as an attacker would.
 */
class HostileRequestsTest {

    static final List<String> IDS = List.of("..", "%2e%2e", "%2E%2E%2Fprivate%2Fusers", "..%2f..%2fprivate",
            "housing/../private/users", "housing%2f..%2f..%2fprivate", "housing%5C..%5Cprivate", "a%5Cb", "a%00b",
            "%00", "housing/%2e", "private/users", ".moot/roles", ".git/config", "x".repeat(300),
            "a/".repeat(40) + "b", "%c0%ae%c0%ae", "%ff%fe");
    static final List<String> ROUTES = List.of("/wiki/", "/edit/", "/history/", "/blame/", "/raw/", "/talk/",
            "/diff/", "/api/pages/", "/members/");

    @TempDir
    Path tmp;
    TestServer moot;
    final ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream stderr;
    final HttpClient raw = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void start() {
        stderr = System.err;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        moot = new TestServer(tmp);
    }

    @AfterEach
    void stop() {
        moot.close();
        System.setErr(stderr);
    }

    @Test
    void idsThatClimbOutOfTheContentAreRefusedWithoutAnError() {
        for (String route : ROUTES) {
            for (String id : IDS) {
                HttpResponse<String> answer = send(route + id, null, null);
                assertThat(answer.statusCode()).as(route + id).isBetween(300, 499);
                assertThat(answer.body()).as(route + id).doesNotContain("$argon2").doesNotContain("[core]")
                        .doesNotContain("pbkdf2");
            }
        }
        assertThat(log.toString(StandardCharsets.UTF_8)).as("no hostile id is an unexpected failure").doesNotContain("ERROR");
    }

    @Test
    void aSessionIdPlantedBeforeSignInIsWorthlessAfterItAndASignedOutSessionStaysOut() {
        String password = moot.userAdd("sam", "editor").get(0);
        HttpResponse<String> form = send("/login", null, null);
        String planted = cookie(form);
        HttpResponse<String> signedIn = send("/login", planted,
                "csrf=" + csrf(form.body()) + "&name=sam&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8));
        assertThat(signedIn.statusCode()).isEqualTo(303);
        String session = cookie(signedIn);
        assertThat(session).isNotEqualTo(planted);
        assertThat(send("/", planted, null).body()).as("the planted id signs nobody in").contains("Sign in")
                .doesNotContain("Sign out");
        HttpResponse<String> home = send("/", session, null);
        assertThat(home.body()).contains("Sign out");

        assertThat(send("/logout", session, "csrf=" + csrf(home.body())).statusCode()).isEqualTo(303);
        HttpResponse<String> after = send("/", session, null);
        assertThat(after.body()).as("a session that signed out is not one again").contains("Sign in");
        assertThat(send("/logout", session, "csrf=" + csrf(home.body())).statusCode())
                .as("its CSRF token went with it").isEqualTo(403);
    }

    @Test
    void aCsrfTokenFromAnotherSessionIsRefused() {
        String password = moot.userAdd("sam", "editor").get(0);
        HttpResponse<String> theirs = send("/login", null, null);
        HttpResponse<String> mine = send("/login", null, null);
        HttpResponse<String> crossed = send("/login", cookie(mine),
                "csrf=" + csrf(theirs.body()) + "&name=sam&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8));
        assertThat(crossed.statusCode()).isEqualTo(403);
        assertThat(crossed.headers().allValues("Set-Cookie")).noneMatch(c -> c.contains("Max-Age=1209600"));
    }

    @Test
    void passwordsAndTokensNeverReachTheLog() throws IOException {
        List<String> secrets = moot.userAdd("sam", "editor");
        WebClient web = new WebClient(moot);
        web.signIn("sam", "wrong " + secrets.get(0));
        web.signIn("sam", secrets.get(0));
        web.submit("/members/sam", "/members/sam/password",
                java.util.Map.of("current", secrets.get(0), "password", "a new long secret phrase", "repeat", "a new long secret phrase"));
        web.getWithToken("/api/pages/housing", "sam", secrets.get(1));
        web.getWithToken("/api/pages/housing", "sam", secrets.get(1) + "x");
        web.getWithToken("/api/pages/..%2f..", "sam", secrets.get(1));
        web.putJsonWithToken("/api/pages/housing", "sam", secrets.get(1), java.util.Map.of("markdown", "\u0000 broken"));
        GitCli.Run clone = GitCli.run(tmp, tmp, "Sam", "sam@example.org", "clone", "-q",
                moot.url("/git/content.git").replace("http://", "http://sam:" + secrets.get(1) + "@"), "clone");
        assertThat(clone.exit()).as(clone.output()).isZero();
        GitCli.run(tmp, tmp, "Sam", "sam@example.org", "ls-remote",
                moot.url("/git/content.git").replace("http://", "http://sam:wrong" + secrets.get(1) + "@"));
        StringBuilder everything = new StringBuilder();
        try (var files = java.nio.file.Files.walk(moot.folder.privateDir())) {
            for (Path file : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                everything.append(new String(java.nio.file.Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain(secrets.get(0)).doesNotContain(secrets.get(1))
                .doesNotContain("a new long secret phrase");
        assertThat(everything.toString()).as("stored only as hashes").doesNotContain(secrets.get(1)).doesNotContain(secrets.get(0));
    }

    @Test
    void aPageOverTheSizeLimitIsRefusedWithAClearMessageThroughTheApiAndTheForm() {
        List<String> secrets = moot.userAdd("sam", "editor");
        String big = "---\ntitle: Big\n---\n" + "word ".repeat(1_000_000); // 5 MB: read, then refused by the check
        String huge = big.repeat(4); // 20 MB: not even read
        WebClient web = new WebClient(moot);
        for (String page : List.of(big, huge)) {
            HttpResponse<String> api = web.putJsonWithToken("/api/pages/housing/big", "sam", secrets.get(1),
                    java.util.Map.of("markdown", page, "summary", "big"));
            assertThat(api.statusCode()).isBetween(400, 499);
            assertThat(api.body()).startsWith("{").contains("at most 4194304");
        }
        web.signIn("sam", secrets.get(0));
        String base = WebClient.field(web.get("/edit/housing").body(), "base");
        for (String page : List.of(big, huge)) {
            HttpResponse<String> form = web.submit("/edit/housing", "/edit/housing", java.util.Map.of(
                    "id", "housing", "base", base, "edit", "", "raw", page, "summary", "big", "action", "save"));
            assertThat(form.statusCode()).isBetween(400, 499);
            assertThat(form.body()).contains("at most 4194304"); // the 5 MB text is shown again, to be cut down, not lost
        }
        assertThat(moot.get("/wiki/housing/big").statusCode()).isEqualTo(404);
        assertThat(moot.get("/wiki/housing").body()).doesNotContain("word word");
    }

    @Test
    void slowSendersHoldNoShareOfTheWork() throws Exception {
        // More than the requests worked on at once, fewer than the threads.
        List<java.net.Socket> slow = slowSenders(40, java.net.InetAddress.getLoopbackAddress());
        try {
            Thread.sleep(300);
            long start = System.nanoTime();
            assertThat(moot.get("/wiki/housing").statusCode()).isEqualTo(200);
            assertThat(send("/login", null, null).statusCode()).isEqualTo(200);
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(5));
        } finally {
            close(slow);
        }
        assertNoFailureLogged();
    }

    @Test
    void slowSendersFromOneAddressLeaveThreadsForEveryoneElse() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("os.name").startsWith("Linux"),
                "a second loopback address: Linux answers all of 127/8");
        // More than Jetty's 250 threads, all from one address other than the reader's.
        List<java.net.Socket> slow = slowSenders(260, java.net.InetAddress.getByName("127.0.0.2"));
        try {
            Thread.sleep(500);
            HttpClient timed = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(5)).build();
            HttpResponse<String> page = timed.send(HttpRequest.newBuilder(URI.create(moot.url("/wiki/housing")))
                    .timeout(java.time.Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            // The sender's requests beyond its share are refused at once, with a reason.
            String refused = new String(slow.get(slow.size() - 1).getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(refused).isEqualTo("HTTP/1.1 429");
        } finally {
            close(slow);
        }
        assertNoFailureLogged();
    }

    @Test
    void slowSendersFromManyAddressesHoldNoThreads() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("os.name").startsWith("Linux"),
                "more loopback addresses: Linux answers all of 127/8");
        // Six hosts, each at its limit of requests in hand: more bodies arriving than Jetty has threads.
        List<java.net.Socket> slow = new java.util.ArrayList<>();
        try {
            for (int host = 2; host < 8; host++) {
                slow.addAll(slowSenders(PerClientLimit.MAX_AT_ONCE, java.net.InetAddress.getByName("127.0.0." + host)));
            }
            Thread.sleep(500);
            HttpClient timed = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(5)).build();
            HttpResponse<String> page = timed.send(HttpRequest.newBuilder(URI.create(moot.url("/wiki/housing")))
                    .timeout(java.time.Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            // A body that does arrive is read whole and answered as ever (here: a sign-in form without its token).
            assertThat(send("/login", null, "name=ann&password=x").statusCode()).isBetween(400, 499);
            java.net.Socket finishing = slow.get(0);
            finishing.getOutputStream().write(new byte[1_000_000 - "csrf=".length()]);
            finishing.getOutputStream().flush();
            assertThat(new String(finishing.getInputStream().readNBytes(12), StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 ");
        } finally {
            close(slow);
        }
        assertNoFailureLogged();
    }

    private static void close(List<java.net.Socket> sockets) throws IOException {
        for (java.net.Socket socket : sockets) {
            socket.close();
        }
    }

    /** Once the server has seen the clients go: a refused or abandoned request is not a failure of ours. */
    private void assertNoFailureLogged() throws InterruptedException {
        Thread.sleep(300);
        assertThat(log.toString(StandardCharsets.UTF_8)).as("a refused or abandoned request is not a failure of ours")
                .doesNotContain("ERROR");
    }

    /** Sockets from {@code from}, each with a sign-in form's headers sent and then no more of its 1 MB body. */
    private List<java.net.Socket> slowSenders(int count, java.net.InetAddress from) throws IOException {
        int port = URI.create(moot.url("/")).getPort();
        List<java.net.Socket> slow = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port, from, 0);
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("POST /login HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000000\r\n\r\ncsrf=")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            slow.add(socket);
        }
        return slow;
    }

    /** A request with only the given session cookie; a body makes it a form POST. */
    private HttpResponse<String> send(String path, String session, String form) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(moot.url("").concat(path)));
        if (session != null) {
            request.header("Cookie", "moot_session=" + session);
        }
        if (form != null) {
            request.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        }
        try {
            return raw.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String cookie(HttpResponse<String> answer) {
        for (String header : answer.headers().allValues("Set-Cookie")) {
            Matcher m = Pattern.compile("moot_session=([^;]+)").matcher(header);
            if (m.find()) {
                return m.group(1);
            }
        }
        throw new AssertionError("no session cookie in " + answer.headers().map());
    }

    private static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("a CSRF field").isTrue();
        return m.group(1);
    }
}
