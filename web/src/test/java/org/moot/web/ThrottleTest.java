package org.moot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guessing is slowed for the guesser, never for the person who holds the right credential. The
 * server sits behind a trusted proxy (127.0.0.1) so each visitor can come from an address of its own.
 */
class ThrottleTest {

    private static final String GUESSER = "203.0.113.9";
    private static final String VICTIM = "198.51.100.4";

    @TempDir
    Path tmp;
    TestServer moot;

    @AfterEach
    void stop() {
        moot.close();
    }

    private void behindProxy() {
        moot = new TestServer(tmp, c -> c.withTrustedProxies(List.of("127.0.0.1")));
    }

    @Test
    void afterThirtyWrongPasswordsTheRightOneStillSignsIn() {
        behindProxy();
        WebClient guesser = new WebClient(moot, GUESSER);
        for (int i = 0; i < 30; i++) {
            assertThat(guesser.signIn("admin", "wrong guess " + i).statusCode()).isIn(401, 429);
        }
        assertThat(guesser.signIn("admin", TestServer.ADMIN_PASSWORD).statusCode()).as("the guesser is slowed").isEqualTo(429);
        assertThat(new WebClient(moot, VICTIM).signIn("admin", TestServer.ADMIN_PASSWORD).statusCode()).isEqualTo(303);
    }

    @Test
    void wrongTokensFromOthersDoNotBlockAValidToken() {
        behindProxy();
        String token = moot.userAdd("ruth", "member").get(1);
        WebClient guesser = new WebClient(moot, GUESSER);
        for (int i = 0; i < 12; i++) {
            assertThat(guesser.getWithToken("/api/pages/health", "ruth", "moot_guess" + i).statusCode()).isIn(401, 429);
        }
        assertThat(guesser.getWithToken("/api/pages/health", "ruth", "moot_guess").statusCode()).as("the guesser is slowed")
                .isEqualTo(429);
        assertThat(new WebClient(moot, VICTIM).getWithToken("/api/pages/health", "ruth", token).statusCode()).isEqualTo(200);
    }

    @Test
    void failuresFromOneAddressDoNotLockOutAnotherUserThere() {
        behindProxy();
        String password = moot.userAdd("ruth", "member").get(0);
        WebClient guesser = new WebClient(moot, GUESSER);
        for (int i = 0; i < 20; i++) {
            assertThat(guesser.signIn("someone-" + i, "wrong guess").statusCode()).isEqualTo(401);
        }
        assertThat(guesser.signIn("someone-0", "another guess").statusCode()).as("the guesser is slowed").isEqualTo(429);
        WebClient colleague = new WebClient(moot, GUESSER);
        assertThat(colleague.signIn("ruth", password).statusCode()).isEqualTo(303);
    }

    @Test
    void theForwardedAddressIsBelievedOnlyFromATrustedProxy() {
        moot = new TestServer(tmp);
        for (int i = 0; i < 10; i++) {
            new WebClient(moot, "10.0.0." + i).signIn("admin", "wrong guess " + i);
        }
        assertThat(new WebClient(moot, "10.0.1.1").signIn("admin", "one more guess").statusCode())
                .as("a made-up X-Forwarded-For does not escape the throttle").isEqualTo(429);
    }

    @Test
    void behindATrustedProxyTheRightMostUntrustedAddressIsTheClient() {
        behindProxy();
        for (int i = 0; i < 10; i++) {
            // The client writes what it likes on the left; the proxy appends the address it saw.
            new WebClient(moot, "10.0.0." + i + ", " + GUESSER).signIn("admin", "wrong guess " + i);
        }
        assertThat(new WebClient(moot, "10.0.1.1, " + GUESSER).signIn("admin", "one more guess").statusCode()).isEqualTo(429);
        assertThat(new WebClient(moot, "10.0.1.1, " + VICTIM).signIn("admin", TestServer.ADMIN_PASSWORD).statusCode())
                .isEqualTo(303);
    }
}
