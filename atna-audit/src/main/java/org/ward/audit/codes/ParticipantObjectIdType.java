package org.ward.audit.codes;

import org.ward.audit.model.CodedValue;

/**
 * Participant Object ID Type Code, DICOM PS3.16 CID 404 (1.2.840.10008.6.1.907): the RFC 3881
 * §5.5.4 codes 1–12 (code system {@code "RFC-3881"}) and the DCM codes 110180–110182.
 */
public enum ParticipantObjectIdType implements CodedTerm {
    MEDICAL_RECORD_NUMBER("1", "Medical Record Number", CodedValue.RFC_3881),
    PATIENT_NUMBER("2", "Patient Number", CodedValue.RFC_3881),
    ENCOUNTER_NUMBER("3", "Encounter Number", CodedValue.RFC_3881),
    ENROLLEE_NUMBER("4", "Enrollee Number", CodedValue.RFC_3881),
    SOCIAL_SECURITY_NUMBER("5", "Social Security Number", CodedValue.RFC_3881),
    ACCOUNT_NUMBER("6", "Account Number", CodedValue.RFC_3881),
    GUARANTOR_NUMBER("7", "Guarantor Number", CodedValue.RFC_3881),
    REPORT_NAME("8", "Report Name", CodedValue.RFC_3881),
    REPORT_NUMBER("9", "Report Number", CodedValue.RFC_3881),
    SEARCH_CRITERIA("10", "Search Criteria", CodedValue.RFC_3881),
    USER_IDENTIFIER("11", "User Identifier", CodedValue.RFC_3881),
    URI("12", "URI", CodedValue.RFC_3881),
    STUDY_INSTANCE_UID("110180", "Study Instance UID", CodedValue.DCM),
    SOP_CLASS_UID("110181", "SOP Class UID", CodedValue.DCM),
    NODE_ID("110182", "Node ID", CodedValue.DCM);

    private final CodedValue value;

    ParticipantObjectIdType(String code, String meaning, String codeSystemName) {
        this.value = CodedValue.of(code, codeSystemName, meaning);
    }

    @Override
    public CodedValue value() {
        return value;
    }

    @Override
    public String source() {
        return "DICOM PS3.16 CID 404";
    }
}
