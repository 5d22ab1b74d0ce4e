package org.ward.pki;

/** A facility PKI operation failed: a key, certificate or key store could not be made or read. */
public final class PkiException extends RuntimeException {

    public PkiException(String message) {
        super(message);
    }

    public PkiException(String message, Throwable cause) {
        super(message, cause);
    }
}
