package org.ward.audit.codes;

import org.ward.audit.model.CodedValue;

/** Audit Active Participant Role ID Code, DICOM PS3.16 CID 402 (1.2.840.10008.6.1.905). */
public enum RoleIdCode implements CodedTerm {
    APPLICATION("110150", "Application"),
    APPLICATION_LAUNCHER("110151", "Application Launcher"),
    DESTINATION("110152", "Destination Role ID"),
    SOURCE("110153", "Source Role ID"),
    DESTINATION_MEDIA("110154", "Destination Media"),
    SOURCE_MEDIA("110155", "Source Media");

    private final CodedValue value;

    RoleIdCode(String code, String meaning) {
        this.value = CodedValue.dcm(code, meaning);
    }

    @Override
    public CodedValue value() {
        return value;
    }

    @Override
    public String source() {
        return "DICOM PS3.16 CID 402";
    }
}
