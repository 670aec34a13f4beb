package org.moot.web.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Slows guessing without locking anyone out. Failures are counted per account <em>and address</em>,
 * so a guesser elsewhere never blocks the account's owner; per address across accounts, so one
 * address guessing many accounts is slowed on each it has failed on; and, for access tokens, per
 * address alone. Past the free failures each attempt waits twice as long, up to a quarter of an
 * hour; counts decay by one every ten minutes, and at most {@code capacity} counters are kept.
 */
public final class LoginThrottle {

    static final int FREE_PER_ACCOUNT = 5;
    static final int FREE_PER_ADDRESS = 20;
    static final int FREE_TOKENS_PER_ADDRESS = 10;
    static final Duration FORGET_ONE = Duration.ofMinutes(10);
    static final Duration MAX_WAIT = Duration.ofMinutes(15);
    static final int DEFAULT_CAPACITY = 100_000;

    /** Failures remembered at {@code last}; they fade by one per {@link #FORGET_ONE}. */
    private record Count(double level, Instant last) {
        double at(Instant now) {
            double faded = (double) Duration.between(last, now).toMillis() / FORGET_ONE.toMillis();
            return Math.max(0, level - faded);
        }

        /** How long an attempt at {@code now} must wait, once more than {@code free} failures are remembered. */
        Optional<Duration> wait(Instant now, int free) {
            long remembered = (long) Math.ceil(at(now) - 1e-9);
            if (remembered < free) {
                return Optional.empty();
            }
            long seconds = 1L << Math.min(20, remembered - free + 1);
            Instant until = last.plus(Duration.ofSeconds(seconds).compareTo(MAX_WAIT) > 0 ? MAX_WAIT : Duration.ofSeconds(seconds));
            return until.isAfter(now) ? Optional.of(Duration.between(now, until)) : Optional.empty();
        }
    }

    private final Cache<String, Count> counts;
    private final Clock clock;

    public LoginThrottle(Clock clock) {
        this(clock, DEFAULT_CAPACITY);
    }

    /** A throttle that keeps at most {@code capacity} counters: a flood of addresses cannot fill the memory. */
    public LoginThrottle(Clock clock, int capacity) {
        this.clock = clock;
        // Untouched this long, a count has faded by forty: dropping it forgets next to nothing.
        this.counts = Caffeine.newBuilder().maximumSize(capacity).expireAfterWrite(FORGET_ONE.multipliedBy(40)).build();
    }

    /**
     * How long a password attempt on {@code account} from {@code address} must wait, if it must. An
     * address that failed on many accounts is slowed on every account it has failed on; a fresh
     * account from the same address (a colleague behind the same router) is not.
     */
    public Optional<Duration> wait(String account, String address) {
        Instant now = clock.instant();
        Optional<Count> pair = count(pair(account, address));
        Optional<Count> fromAddress = count(address(address));
        Optional<Duration> own = pair.flatMap(c -> c.wait(now, FREE_PER_ACCOUNT));
        Optional<Duration> broad = pair.isPresent() && pair.get().at(now) > 0
                ? fromAddress.flatMap(c -> c.wait(now, FREE_PER_ADDRESS)) : Optional.empty();
        return Stream.of(own, broad).flatMap(Optional::stream).max(Duration::compareTo);
    }

    public void failed(String account, String address) {
        add(pair(account, address));
        add(address(address));
    }

    public void succeeded(String account, String address) {
        counts.invalidate(pair(account, address));
    }

    /** How long a wrong access token from {@code address} is answered "slow down" rather than "wrong". */
    public Optional<Duration> tokenWait(String address) {
        return count(tokens(address)).flatMap(c -> c.wait(clock.instant(), FREE_TOKENS_PER_ADDRESS));
    }

    public void tokenFailed(String address) {
        add(tokens(address));
    }

    /** How many counters are kept now. */
    long remembered() {
        counts.cleanUp();
        return counts.estimatedSize();
    }

    private Optional<Count> count(String key) {
        return Optional.ofNullable(counts.getIfPresent(key));
    }

    private void add(String key) {
        Instant now = clock.instant();
        counts.asMap().compute(key, (k, c) -> new Count((c == null ? 0 : c.at(now)) + 1, now));
    }

    private static String pair(String account, String address) {
        return "pair " + account + " " + address;
    }

    private static String address(String address) {
        return "address " + address;
    }

    private static String tokens(String address) {
        return "tokens " + address;
    }
}
