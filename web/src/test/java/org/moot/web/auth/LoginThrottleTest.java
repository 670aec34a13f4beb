package org.moot.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void theAddressesItRemembersAreBounded() {
        LoginThrottle throttle = new LoginThrottle(new HandClock(), 1_000);
        for (int i = 0; i < 20_000; i++) {
            throttle.failed("admin", "10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255));
        }
        assertThat(throttle.remembered()).isLessThanOrEqualTo(1_000);
    }

    @Test
    void failuresAreForgottenAsTimePasses() {
        HandClock clock = new HandClock();
        LoginThrottle throttle = new LoginThrottle(clock, 1_000);
        for (int i = 0; i < 30; i++) {
            throttle.failed("admin", "203.0.113.9");
        }
        assertThat(throttle.wait("admin", "203.0.113.9")).isPresent();
        clock.advance(Duration.ofHours(6));
        throttle.failed("admin", "203.0.113.9");
        assertThat(throttle.wait("admin", "203.0.113.9")).as("one slip hours later is not a guess in a row").isEmpty();
    }
}
