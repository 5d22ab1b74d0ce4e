package org.ward.audit.repository;

/**
 * Retention did not remove anything, or stopped before its transaction committed: nothing was lost.
 * The message names the cause without record contents (no PHI).
 */
public final class RetentionException extends Exception {

    private static final long serialVersionUID = 1L;

    public RetentionException(String message) {
        super(message);
    }

    public RetentionException(String message, Throwable cause) {
        super(message, cause);
    }
}
