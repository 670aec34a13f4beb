package org.moot.engine.git;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The pause between two tries of a write that lost a race or met a lock: short at first, twice as
 * long each time up to a cap, and random within that, so writers racing for one ref spread out
 * and one of them wins.
 */
public final class Backoff {

    private static final int FIRST_MILLIS = 2;
    private static final int CAP_MILLIS = 500;

    private Backoff() {}

    public static void pause(int attempt) {
        int ceiling = (int) Math.min(CAP_MILLIS, (long) FIRST_MILLIS << Math.min(attempt, 20));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(FIRST_MILLIS / 2, ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to write", e);
        }
    }
}
