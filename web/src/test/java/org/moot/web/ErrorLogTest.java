package org.moot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every unexpected failure, {@code Error}s included, answers 500 with a request id that the page
 * shows and the log holds exactly once. The server gets routes that fail on purpose.
 */
class ErrorLogTest {

    @TempDir
    Path tmp;
    TestServer moot;
    final ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream stderr;

    @BeforeEach
    void start() {
        stderr = System.err;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        moot = new TestServer(tmp, c -> c.withRoutes(routes -> {
            routes.get("/test/overflow", ctx -> ctx.result(String.valueOf(recurse(0))));
            routes.get("/test/bug", ctx -> {
                throw new IllegalStateException("a bug on purpose");
            });
            routes.get("/api/test/overflow", ctx -> ctx.result(String.valueOf(recurse(0))));
        }));
    }

    @AfterEach
    void stop() {
        moot.close();
        System.setErr(stderr);
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    private long linesWith(String text) {
        return log.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains(text)).count();
    }

    @Test
    void aStackOverflowAnswersAPageWithTheRequestIdAndIsLoggedOnce() {
        var answer = moot.get("/test/overflow");
        assertThat(answer.statusCode()).isEqualTo(500);
        String id = answer.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(id).matches("[A-Za-z0-9_-]{6,32}");
        assertThat(answer.body()).contains(id).contains("Something went wrong");
        assertThat(answer.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(linesWith(id)).isEqualTo(1);
        assertThat(log.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains(id)).findFirst().orElseThrow())
                .as("a timestamp, the level, the request").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d.* ERROR .*GET /test/overflow.*");
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("StackOverflowError");
    }

    @Test
    void anExceptionIsLoggedOnceWithItsRequestId() {
        var answer = moot.get("/test/bug");
        assertThat(answer.statusCode()).isEqualTo(500);
        String id = answer.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(answer.body()).contains(id);
        assertThat(linesWith(id)).isEqualTo(1);
        assertThat(linesWith("a bug on purpose")).isEqualTo(1);
    }

    @Test
    void anApiErrorCarriesTheRequestIdInItsJson() {
        var answer = moot.get("/api/test/overflow");
        assertThat(answer.statusCode()).isEqualTo(500);
        String id = answer.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(moot.get("/api/test/overflow").body()).doesNotContain(id);
        assertThat(answer.body()).contains("\"requestId\":\"" + id + "\"");
        assertThat(linesWith(id)).isEqualTo(1);
    }

    @Test
    void everyAnswerHasItsOwnRequestId() {
        String first = moot.get("/").headers().firstValue("X-Request-Id").orElseThrow();
        String second = moot.get("/").headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(first).isNotEqualTo(second);
    }
}
