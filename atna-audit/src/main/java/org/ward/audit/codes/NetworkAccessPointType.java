package org.ward.audit.codes;

/** {@code NetworkAccessPointTypeCode}, DICOM PS3.15 A.5.1 (RFC 3881 §5.3.5). */
public enum NetworkAccessPointType {
    MACHINE_NAME("1"),
    IP_ADDRESS("2"),
    TELEPHONE_NUMBER("3"),
    EMAIL_ADDRESS("4"),
    URI("5");

    private final String wire;

    NetworkAccessPointType(String wire) {
        this.wire = wire;
    }

    /** The value of the {@code NetworkAccessPointTypeCode} attribute. */
    public String wire() {
        return wire;
    }
}
