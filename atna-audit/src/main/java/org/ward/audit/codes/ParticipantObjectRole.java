package org.ward.audit.codes;

/** {@code ParticipantObjectTypeCodeRole}, DICOM PS3.15 A.5.1 (RFC 3881 §5.5.2). */
public enum ParticipantObjectRole {
    PATIENT("1"),
    LOCATION("2"),
    REPORT("3"),
    RESOURCE("4"),
    MASTER_FILE("5"),
    USER("6"),
    LIST("7"),
    DOCTOR("8"),
    SUBSCRIBER("9"),
    GUARANTOR("10"),
    SECURITY_USER_ENTITY("11"),
    SECURITY_USER_GROUP("12"),
    SECURITY_RESOURCE("13"),
    SECURITY_GRANULARITY_DEFINITION("14"),
    PROVIDER("15"),
    DATA_DESTINATION("16"),
    DATA_ARCHIVE("17"),
    SCHEDULE("18"),
    CUSTOMER("19"),
    JOB("20"),
    JOB_STREAM("21"),
    TABLE("22"),
    ROUTING_CRITERIA("23"),
    QUERY("24"),
    DATA_SOURCE("25"),
    PROCESSING_ELEMENT("26");

    private final String wire;

    ParticipantObjectRole(String wire) {
        this.wire = wire;
    }

    /** The value of the {@code ParticipantObjectTypeCodeRole} attribute. */
    public String wire() {
        return wire;
    }
}
