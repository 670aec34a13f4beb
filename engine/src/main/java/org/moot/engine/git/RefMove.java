package org.moot.engine.git;

/** The outcome of moving a ref by compare-and-swap. */
public enum RefMove {
    /** The ref now points at the new commit. */
    MOVED,
    /** The ref was not where the caller expected: someone else moved it first. Re-read and retry. */
    STALE,
    /** Refused for another reason (not a fast-forward, I/O error). */
    REFUSED
}
