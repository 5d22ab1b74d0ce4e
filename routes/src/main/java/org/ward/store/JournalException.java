package org.ward.store;

/**
 * The journal could not do what was asked. Messages name the operation, the limit or the SQLState,
 * never a payload, patient id or other message content.
 */
public class JournalException extends RuntimeException {

    public JournalException(String message) {
        super(message);
    }

    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }
}
