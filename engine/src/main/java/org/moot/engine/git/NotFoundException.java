package org.moot.engine.git;

/** A revision, file or page that does not exist; the message says which, in plain words. */
public final class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
