package org.ward.store;

/** A stored payload failed AES-GCM authentication: the row was altered, or sealed under another key. */
public final class PayloadIntegrityException extends JournalException {

    public PayloadIntegrityException(String message, Throwable cause) {
        super(message, cause);
    }
}
