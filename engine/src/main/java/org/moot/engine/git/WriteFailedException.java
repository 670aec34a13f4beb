package org.moot.engine.git;

/**
 * A write that could not be made for a reason outside the request: a ref held locked by a live
 * process, git refusing the move, or writers racing past every retry. The message names the cause.
 */
public final class WriteFailedException extends RuntimeException {
    public WriteFailedException(String message) {
        super(message);
    }

    public WriteFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
