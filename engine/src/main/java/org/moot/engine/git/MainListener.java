package org.moot.engine.git;

import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Follows {@code main}: the search index, caches, feeds and mirrors. Each move is handed over
 * once, in commit order, after the ref moved and before the request that moved it is answered.
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
}
