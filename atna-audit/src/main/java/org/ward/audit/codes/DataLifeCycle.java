package org.ward.audit.codes;

/** {@code ParticipantObjectDataLifeCycle}, DICOM PS3.15 A.5.1 (RFC 3881 §5.5.3). */
public enum DataLifeCycle {
    ORIGINATION("1"),
    IMPORT("2"),
    AMENDMENT("3"),
    VERIFICATION("4"),
    TRANSLATION("5"),
    ACCESS("6"),
    DE_IDENTIFICATION("7"),
    AGGREGATION("8"),
    REPORT("9"),
    EXPORT("10"),
    DISCLOSURE("11"),
    RECEIPT_OF_DISCLOSURE("12"),
    ARCHIVING("13"),
    LOGICAL_DELETION("14"),
    PERMANENT_ERASURE("15");

    private final String wire;

    DataLifeCycle(String wire) {
        this.wire = wire;
    }

    /** The value of the {@code ParticipantObjectDataLifeCycle} attribute. */
    public String wire() {
        return wire;
    }
}
