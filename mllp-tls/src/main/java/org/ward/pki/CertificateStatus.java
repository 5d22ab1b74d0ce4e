package org.ward.pki;

/**
 * What a relying party should make of an issued certificate. The registry stores {@link #VALID} or
 * {@link #REVOKED}; {@link #EXPIRED} is derived from notAfter when a record is shown.
 */
public enum CertificateStatus {
    VALID("valid"),
    REVOKED("revoked"),
    EXPIRED("expired");

    private final String label;

    CertificateStatus(String label) {
        this.label = label;
    }

    /** The lower-case word written to the registry and printed by {@code ward pki list}. */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
