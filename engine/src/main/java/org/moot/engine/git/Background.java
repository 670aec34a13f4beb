package org.moot.engine.git;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Housekeeping off the write path: one named daemon thread, so a stopping server never waits for it. */
final class Background {

    private Background() {}

    static ExecutorService thread(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }
}
