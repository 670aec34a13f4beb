package org.moot.web.governance;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.moot.engine.govern.Governance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the steps time brings (closing votes, ending terms, opening elections for empty seats) on
 * one background thread, every {@code every}. Only a primary runs it: a mirror's record follows its
 * upstream's. Each run is safe to repeat and to interrupt ({@link Governance#advance}), so a
 * restart simply carries on; a failed run is logged and the next one tries again.
 */
public final class GovernanceSchedule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GovernanceSchedule.class);
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "moot-governance");
        t.setDaemon(true);
        return t;
    });

    public GovernanceSchedule(Governance governance, Duration every) {
        thread.scheduleWithFixedDelay(() -> {
            try {
                governance.advance().forEach(step -> LOG.info("governance: {}", step));
            } catch (RuntimeException e) {
                LOG.error("governance: a scheduled step failed; it is tried again in {} s", every.toSeconds(), e);
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
