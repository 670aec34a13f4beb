package org.moot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Where sign-in may send a visitor, and the headers every answer carries, Jetty's own included. */
class RedirectsAndHeadersTest {

    @TempDir
    Path tmp;
    TestServer moot;

    @BeforeEach
    void start() {
        moot = new TestServer(tmp);
    }

    @AfterEach
    void stop() {
        moot.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/\t/evil.example/", "//evil.example/", "/\\evil.example/", "%2F%2Fevil.example/",
        "https://evil.example/", "https:evil.example", "/%09/evil.example/", " //evil.example/", "/\n/evil.example/"})
    void signInSendsTheVisitorOnlyToAPathOnThisSite(String next) {
        WebClient visitor = new WebClient(moot);
        var answer = visitor.submit("/login", "/login", Map.of("name", "admin", "password", TestServer.ADMIN_PASSWORD, "next", next));
        assertThat(answer.statusCode()).isEqualTo(303);
        String location = answer.headers().firstValue("Location").orElseThrow();
        URI site = URI.create(moot.url("/"));
        URI target = site.resolve(location);
        assertThat(target.getHost()).isEqualTo(site.getHost());
        assertThat(target.getPort()).isEqualTo(site.getPort());
        assertThat(location).startsWith("/").doesNotStartWith("//").doesNotContain("\\").doesNotContain("\t");
    }

    @Test
    void aPathOnThisSiteIsKept() {
        WebClient visitor = new WebClient(moot);
        var answer = visitor.submit("/login", "/login", Map.of("name", "admin", "password", TestServer.ADMIN_PASSWORD,
                "next", "/wiki/health?rev=abc"));
        assertThat(answer.headers().firstValue("Location")).hasValue("/wiki/health?rev=abc");
    }

    @Test
    void jettysOwnErrorsCarryTheSecurityHeaders() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String path : new String[] {"/%00", "/wiki/" + "a".repeat(20_000)}) {
            String label = path.length() > 20 ? "a 20 KB URI" : path;
            var answer = http.send(HttpRequest.newBuilder(URI.create(moot.url(path))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(label).isBetween(400, 499);
            assertThat(answer.headers().firstValue("Content-Security-Policy")).as(label)
                    .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'self'"));
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(label).hasValue("nosniff");
        }
    }

    @Test
    void htmlSaysItsCharset() {
        assertThat(moot.get("/").headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type.toLowerCase().replace(" ", "")).isEqualTo("text/html;charset=utf-8"));
        assertThat(moot.get("/no/such/page").headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type.toLowerCase()).contains("charset=utf-8"));
    }

    @Test
    void pagesForASignedInUserAreNotStored() {
        WebClient admin = new WebClient(moot);
        admin.signIn("admin", TestServer.ADMIN_PASSWORD);
        assertThat(admin.get("/wiki/health").headers().firstValue("Cache-Control")).hasValue("private, no-store");
        assertThat(admin.get("/members/admin").headers().firstValue("Cache-Control")).hasValue("private, no-store");
    }
}
