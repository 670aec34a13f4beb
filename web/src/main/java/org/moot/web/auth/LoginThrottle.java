package org.moot.web.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after a few failures for one account, or many from one address,
 * each further attempt must wait, twice as long each time, up to a quarter of an hour.
 */
public final class LoginThrottle {

    static final int FREE_PER_ACCOUNT = 5;
    static final int FREE_PER_ADDRESS = 20;
    static final Duration MAX_WAIT = Duration.ofMinutes(15);

    private record Failures(int count, Instant until) {}

    private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long this attempt must wait, if it must. */
    public Optional<Duration> wait(String name, String address) {
        Instant now = clock.instant();
        return java.util.stream.Stream.of("user:" + name, "addr:" + address)
                .map(failures::get)
                .filter(f -> f != null && f.until().isAfter(now))
                .map(f -> Duration.between(now, f.until()))
                .max(Duration::compareTo);
    }

    public void failed(String name, String address) {
        count("user:" + name, FREE_PER_ACCOUNT);
        count("addr:" + address, FREE_PER_ADDRESS);
    }

    public void succeeded(String name) {
        failures.remove("user:" + name);
    }

    private void count(String key, int free) {
        failures.compute(key, (k, f) -> {
            int n = f == null ? 1 : f.count() + 1;
            Instant until = clock.instant();
            if (n >= free) {
                long seconds = 1L << Math.min(20, n - free);
                until = until.plus(Duration.ofSeconds(seconds).compareTo(MAX_WAIT) > 0 ? MAX_WAIT : Duration.ofSeconds(seconds));
            }
            return new Failures(n, until);
        });
    }
}
