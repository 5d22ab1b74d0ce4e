package org.ward.hl7;

/** HL7 table 0516 (error severity, ERR-4); F (fatal) as added in v2.7 and used by IHE PCD. */
public enum ErrorSeverity {
    FATAL("F"),
    ERROR("E"),
    WARNING("W"),
    INFO("I");

    private final String code;

    ErrorSeverity(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
