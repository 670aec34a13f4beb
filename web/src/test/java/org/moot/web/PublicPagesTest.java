package org.moot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moot.engine.access.Role;

/** Pages as visitors see them are kept and checked by ETag; a new commit shows at once; members' pages are never shared. */
class PublicPagesTest {

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(TestServer moot, String path, String etag) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(moot.url(path)));
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aVisitorsCopyIsConfirmedUntilMainMovesThenTheNewPageIsServed() throws Exception {
        try (TestServer moot = new TestServer(tmp)) {
            HttpResponse<String> first = get(moot, "/wiki/health", null);
            assertThat(first.statusCode()).isEqualTo(200);
            String etag = first.headers().firstValue("ETag").orElseThrow();
            assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-cache");
            assertThat(first.body()).doesNotContain("Zanzibar clinics");

            HttpResponse<String> again = get(moot, "/wiki/health", etag);
            assertThat(again.statusCode()).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            // As proxies pass it on: in a list, or marked weak.
            assertThat(get(moot, "/wiki/health", "\"something-else\", W/" + etag).statusCode()).isEqualTo(304);
            assertThat(get(moot, "/wiki/health", "\"something-else\"").statusCode()).isEqualTo(200);
            assertThat(get(moot, "/wiki/health", null).body()).isEqualTo(first.body());

            SearchTest.pushWithGit(moot.folder, "health/zanzibar.md", "---\ntitle: Zanzibar clinics\n---\nMobile clinics.\n");
            HttpResponse<String> after = get(moot, "/wiki/health", etag);
            assertThat(after.statusCode()).isEqualTo(200);
            assertThat(after.body()).contains("Zanzibar clinics");
            assertThat(after.headers().firstValue("ETag")).isPresent().isNotEqualTo(java.util.Optional.of(etag));
        }
    }

    @Test
    void eachEncodingHasItsOwnETagAndTheGzippedPageIsThePage() throws Exception {
        try (TestServer moot = new TestServer(tmp)) {
            java.util.List<String> unzipped = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) { // rendered by the route, then answered by the front
                HttpResponse<byte[]> zipped = http.send(HttpRequest.newBuilder(URI.create(moot.url("/wiki/health")))
                        .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
                assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
                assertThat(zipped.headers().firstValue("Vary")).hasValue("Accept-Encoding");
                String etag = zipped.headers().firstValue("ETag").orElseThrow();
                assertThat(etag).endsWith("-gz\"");
                try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(zipped.body()))) {
                    unzipped.add(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                }
                assertThat(http.send(HttpRequest.newBuilder(URI.create(moot.url("/wiki/health"))).header("Accept-Encoding", "gzip")
                        .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(304);
                assertThat(get(moot, "/wiki/health", etag).statusCode()).isEqualTo(200); // not the plain page's tag
            }
            assertThat(unzipped).containsOnly(get(moot, "/wiki/health", null).body());
        }
    }

    @Test
    void aMembersPageIsTheirsAloneAndAnEarlierRevisionIsNotKept() throws Exception {
        try (TestServer moot = new TestServer(tmp)) {
            WebClient member = moot.signedIn("mina", "Mina Member", Set.of(Role.MEMBER));
            HttpResponse<String> own = member.get("/wiki/health");
            assertThat(own.body()).contains("Mina Member");
            assertThat(own.headers().firstValue("ETag")).isEmpty();
            assertThat(own.headers().firstValue("Cache-Control")).hasValue("private, no-store");

            HttpResponse<String> visitor = get(moot, "/wiki/health", null);
            assertThat(visitor.body()).doesNotContain("Mina Member").contains("Sign in");

            String rev = moot.site.tip().revision();
            HttpResponse<String> old = get(moot, "/wiki/health?rev=" + rev, null);
            assertThat(old.statusCode()).isEqualTo(200);
            assertThat(old.headers().firstValue("ETag")).isEmpty();
        }
    }
}
