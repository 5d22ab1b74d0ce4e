package org.ward.audit.codes;

/** {@code ParticipantObjectTypeCode}, DICOM PS3.15 A.5.1 (RFC 3881 §5.5.1). */
public enum ParticipantObjectType {
    PERSON("1"),
    SYSTEM_OBJECT("2"),
    ORGANIZATION("3"),
    OTHER("4");

    private final String wire;

    ParticipantObjectType(String wire) {
        this.wire = wire;
    }

    /** The value of the {@code ParticipantObjectTypeCode} attribute. */
    public String wire() {
        return wire;
    }
}
