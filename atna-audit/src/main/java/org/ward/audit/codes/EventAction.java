package org.ward.audit.codes;

/** {@code EventActionCode}, DICOM PS3.15 A.5.1 (RFC 3881 §5.1.2). */
public enum EventAction {
    CREATE("C"),
    READ("R"),
    UPDATE("U"),
    DELETE("D"),
    EXECUTE("E");

    private final String wire;

    EventAction(String wire) {
        this.wire = wire;
    }

    /** The value of the {@code EventActionCode} attribute. */
    public String wire() {
        return wire;
    }
}
