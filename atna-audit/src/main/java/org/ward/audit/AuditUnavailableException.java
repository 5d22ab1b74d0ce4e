package org.ward.audit;

/**
 * A record could not be spooled and the configuration says the exchange must then be refused
 * ({@code on-audit-failure: refuse}). Carries no record content.
 */
public final class AuditUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AuditUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
