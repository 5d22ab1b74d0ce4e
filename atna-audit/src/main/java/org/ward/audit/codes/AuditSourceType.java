package org.ward.audit.codes;

import org.ward.audit.model.CodedValue;

/**
 * Audit Source Type Code, DICOM PS3.15 A.5.1 / RFC 3881 §5.4.3, the digits 1–9 the 2017c schema
 * enumerates for {@code AuditSourceTypeCode}. Written with code system {@code "DCM"} as the
 * IPF reference records do.
 */
public enum AuditSourceType implements CodedTerm {
    END_USER_INTERFACE("1", "End-user display device, diagnostic device"),
    DATA_ACQUISITION_DEVICE("2", "Data acquisition device or instrument"),
    WEB_SERVER("3", "Web Server process or thread"),
    APPLICATION_SERVER("4", "Application Server process or thread"),
    DATABASE_SERVER("5", "Database Server process or thread"),
    SECURITY_SERVER("6", "Security server, e.g., a domain controller"),
    NETWORK_COMPONENT("7", "ISO level 1-3 network component"),
    OPERATING_SOFTWARE("8", "ISO level 4-6 operating software"),
    OTHER("9", "other");

    private final CodedValue value;

    AuditSourceType(String code, String meaning) {
        this.value = CodedValue.dcm(code, meaning);
    }

    @Override
    public CodedValue value() {
        return value;
    }

    @Override
    public String source() {
        return "DICOM PS3.15 A.5.1 (AuditSourceTypeCode)";
    }
}
