package org.ward.audit.repository;

/** The many-valued fields of a record, as stored in {@code audit_index.kind}. */
public enum IndexKind {
    /** EventIdentification/EventTypeCode/@csd-code. */
    EVENT_TYPE('T'),
    /** ActiveParticipant/@UserID. */
    USER_ID('U'),
    /** ActiveParticipant/@NetworkAccessPointID; same ordinal as the participant's {@link #USER_ID}. */
    NETWORK_ACCESS_POINT('N'),
    /** ParticipantObjectID of a person (type code 1) in the patient role (role code 1). */
    PATIENT_ID('P'),
    /** ParticipantObjectDetail type "MSH-10", its base64 value decoded. */
    MSH_10('M');

    private final char code;

    IndexKind(char code) {
        this.code = code;
    }

    public char code() {
        return code;
    }

    public static IndexKind of(char code) {
        for (IndexKind kind : values()) {
            if (kind.code == code) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown audit_index kind '" + code + "'");
    }
}
