package org.moot.engine.git;

import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Follows {@code main}: the search index, caches, feeds and mirrors. Each move is handed over
 * once, in commit order, after the ref moved and before the request that moved it is answered.
 * Listeners are called one at a time, never while another writer waits for its turn at main.
 */
public interface MainListener {

    /**
     * The commit this listener last processed, if it keeps one across restarts (the search index
     * does); on start-up it is handed the change from there to the tip.
     */
    default Optional<ObjectId> processed() {
        return Optional.empty();
    }

    void changed(RefChange change);

    /**
     * Several moves at once, oldest first, when main moved again while this listener followed the
     * last one. A listener that can follow them in one step (from what it holds to the newest tip)
     * overrides this.
     */
    default void changed(java.util.List<RefChange> changes) {
        changes.forEach(this::changed);
    }
}
