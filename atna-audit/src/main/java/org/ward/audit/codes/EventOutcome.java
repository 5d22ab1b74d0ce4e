package org.ward.audit.codes;

/**
 * {@code EventOutcomeIndicator}, DICOM PS3.15 A.5.1 (RFC 3881 §5.1.4). For a Security Alert
 * (A.5.3.11) success means an informative alert; minor and serious failure mean mitigation
 * was effective; major failure means the system may have been compromised.
 */
public enum EventOutcome {
    SUCCESS("0"),
    MINOR_FAILURE("4"),
    SERIOUS_FAILURE("8"),
    MAJOR_FAILURE("12");

    private final String wire;

    EventOutcome(String wire) {
        this.wire = wire;
    }

    /** The value of the {@code EventOutcomeIndicator} attribute. */
    public String wire() {
        return wire;
    }
}
