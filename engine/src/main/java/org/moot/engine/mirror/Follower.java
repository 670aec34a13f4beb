package org.moot.engine.mirror;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the upstream every {@code interval}, on one daemon thread. While the upstream cannot be
 * reached the mirror goes on serving what it has, and tries again less and less often (up to ten
 * intervals apart); the outage is logged once when it starts and once when it ends.
 */
public final class Follower implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Follower.class);
    static final int MAX_BACKOFF = 10;

    private final Upstream upstream;
    private final Duration interval;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mirror-follower");
        t.setDaemon(true);
        return t;
    });
    private int failures;

    public Follower(Upstream upstream, Duration interval) {
        this.upstream = upstream;
        this.interval = interval;
    }

    public Follower start() {
        thread.execute(this::round);
        return this;
    }

    private void round() {
        try {
            Upstream.Followed followed = upstream.follow();
            if (failures > 0) {
                LOG.info("{} is reachable again; following it every {} s", upstream.gitUrl(), interval.toSeconds());
            }
            failures = 0;
            if (followed.moved() > 0) {
                LOG.info("followed {}: {} refs moved, main at {}", upstream.gitUrl(), followed.moved(),
                        followed.main().map(id -> id.name()).orElse("-"));
            }
        } catch (RuntimeException e) {
            if (failures == 0) {
                LOG.warn("could not follow {} ({}); serving what this copy has and trying again", upstream.gitUrl(), e.getMessage());
            }
            failures++;
        }
        long wait = interval.toMillis() * Math.min(MAX_BACKOFF, 1L << Math.min(failures, 4));
        try {
            thread.schedule(this::round, failures == 0 ? interval.toMillis() : wait, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // the mirror is shutting down
        }
    }

    /** Lets a round in progress finish: it may be writing the search index, which an interrupt would break. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
