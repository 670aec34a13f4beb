package org.moot.engine.git;

import java.time.Instant;
import org.eclipse.jgit.lib.ObjectId;

/**
 * One revision of the site, resolved once per request: everything else is read by object id,
 * so whatever is derived from a snapshot can be cached by its ids and never goes stale.
 */
public record Snapshot(ObjectId commit, ObjectId tree, Instant time) {

    public String revision() {
        return commit.name();
    }

    /**
     * A tree not committed (yet): what a change would leave, to be checked. Its time is now, to
     * the second as a commit's would be, so the graph made for it is the newest to build on.
     */
    public static Snapshot uncommitted(ObjectId tree) {
        return new Snapshot(ObjectId.zeroId(), tree, Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }
}
