package org.ward.audit.codes;

import org.ward.audit.model.CodedValue;

/**
 * Audit Event ID, DICOM PS3.16 CID 400 (1.2.840.10008.6.1.903): the {@code EventID} of
 * an {@code AuditMessage}. "Security Roles Changed" (110136) and "User Security Attributes
 * Changed" (110137) are not here: they are event <em>types</em> of a Security Alert (CID 401),
 * see {@link EventTypeCode}.
 */
public enum EventId implements CodedTerm {
    APPLICATION_ACTIVITY("110100", "Application Activity"),
    AUDIT_LOG_USED("110101", "Audit Log Used"),
    BEGIN_TRANSFERRING_DICOM_INSTANCES("110102", "Begin Transferring DICOM Instances"),
    DICOM_INSTANCES_ACCESSED("110103", "DICOM Instances Accessed"),
    DICOM_INSTANCES_TRANSFERRED("110104", "DICOM Instances Transferred"),
    DICOM_STUDY_DELETED("110105", "DICOM Study Deleted"),
    EXPORT("110106", "Export"),
    IMPORT("110107", "Import"),
    NETWORK_ENTRY("110108", "Network Entry"),
    ORDER_RECORD("110109", "Order Record"),
    PATIENT_RECORD("110110", "Patient Record"),
    PROCEDURE_RECORD("110111", "Procedure Record"),
    QUERY("110112", "Query"),
    SECURITY_ALERT("110113", "Security Alert"),
    USER_AUTHENTICATION("110114", "User Authentication");

    private final CodedValue value;

    EventId(String code, String meaning) {
        this.value = CodedValue.dcm(code, meaning);
    }

    @Override
    public CodedValue value() {
        return value;
    }

    @Override
    public String source() {
        return "DICOM PS3.16 CID 400";
    }
}
