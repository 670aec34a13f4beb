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
        int slowed = 0;
        for (int i = 0; i < 30; i++) {
            int status = guesser.signIn("admin", "wrong guess " + i).statusCode();
            assertThat(status).isIn(401, 429);
            slowed += status == 429 ? 1 : 0;
        }
        // Five free failures, then waits of 2 s, 4 s, 8 s...: most of the rest are refused unread.
        assertThat(slowed).as("the guesser is slowed").isGreaterThanOrEqualTo(20);
        assertThat(new WebClient(moot, VICTIM).signIn("admin", TestServer.ADMIN_PASSWORD).statusCode()).isEqualTo(303);
    }

    @Test
    void wrongTokensFromOthersDoNotBlockAValidToken() {
        behindProxy();
        String token = moot.userAdd("ruth", "member").get(1);
        WebClient guesser = new WebClient(moot, GUESSER);
        int slowed = 0;
        for (int i = 0; i < 14; i++) {
            int status = guesser.getWithToken("/api/pages/health", "ruth", "moot_guess" + i).statusCode();
            assertThat(status).isIn(401, 429);
            slowed += status == 429 ? 1 : 0;
        }
        assertThat(slowed).as("the guesser is slowed after ten").isGreaterThanOrEqualTo(4);
        assertThat(new WebClient(moot, VICTIM).getWithToken("/api/pages/health", "ruth", token).statusCode()).isEqualTo(200);
    }

    @Test
    void failuresFromOneAddressDoNotLockOutAnotherUserThere() {
        behindProxy();
        String password = moot.userAdd("ruth", "member").get(0);
        WebClient guesser = new WebClient(moot, GUESSER);
        // Twenty failures lock out no one; a few more make the address's wait long enough to see at once.
        for (int i = 0; i < 24; i++) {
            assertThat(guesser.signIn("someone-" + i, "wrong guess").statusCode()).isEqualTo(401);
        }
        assertThat(guesser.signIn("someone-0", "another guess").statusCode()).as("the guesser is slowed").isEqualTo(429);
        WebClient colleague = new WebClient(moot, GUESSER);
        assertThat(colleague.signIn("ruth", password).statusCode()).isEqualTo(303);
    }

    /** Ten wrong passwords for admin, each from a new visitor with this X-Forwarded-For: how many were slowed. */
    private int slowedOf(java.util.function.IntFunction<String> forwardedFor) {
        int slowed = 0;
        for (int i = 0; i < 10; i++) {
            slowed += new WebClient(moot, forwardedFor.apply(i)).signIn("admin", "wrong guess " + i).statusCode() == 429 ? 1 : 0;
        }
        return slowed;
    }

    @Test
    void theForwardedAddressIsBelievedOnlyFromATrustedProxy() {
        moot = new TestServer(tmp);
        assertThat(slowedOf(i -> "10.0.0." + i)).as("a made-up X-Forwarded-For does not escape the throttle")
                .isGreaterThanOrEqualTo(3);
    }

    @Test
    void behindATrustedProxyTheRightMostUntrustedAddressIsTheClient() {
        behindProxy();
        // The client writes what it likes on the left; the proxy appends the address it saw.
        assertThat(slowedOf(i -> "10.0.0." + i + ", " + GUESSER)).isGreaterThanOrEqualTo(3);
        assertThat(new WebClient(moot, "10.0.1.1, " + VICTIM).signIn("admin", TestServer.ADMIN_PASSWORD).statusCode())
                .isEqualTo(303);
    }
}
