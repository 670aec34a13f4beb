package org.moot.engine.git;

import java.time.Duration;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;

/** The outcome of moving a ref by compare-and-swap, with the real cause when it did not move. */
public sealed interface RefMove {

    /** The ref now points where it was asked to (or is gone, for a delete). */
    record Moved() implements RefMove {
        @Override
        public String describe() {
            return "moved";
        }
    }

    /** Someone else moved the ref first; it is now at {@code actual}. Re-read and retry. */
    record Stale(Optional<ObjectId> actual) implements RefMove {
        @Override
        public String describe() {
            return "someone else moved it first";
        }
    }

    /**
     * A lock file stood in the way for longer than a writer ever holds one, yet it could not be
     * shown to be left over by a dead process: {@code lockFile} is {@code age} old.
     */
    record Locked(String lockFile, Duration age) implements RefMove {
        @Override
        public String describe() {
            return "it is locked by " + lockFile + ", held for " + age.toSeconds() + " s by another process that is still running";
        }
    }

    /** Git refused the move for another reason (not a fast-forward, an I/O failure): {@code reason}. */
    record Refused(String reason) implements RefMove {
        @Override
        public String describe() {
            return "git refused it (" + reason + ")";
        }
    }

    RefMove MOVED = new Moved();

    default boolean moved() {
        return this instanceof Moved;
    }

    /** The cause in words, for a log line or an error a person reads. */
    String describe();
}
