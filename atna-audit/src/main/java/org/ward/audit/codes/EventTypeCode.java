package org.ward.audit.codes;

import org.ward.audit.model.CodedValue;

/**
 * Audit Event Type Code, DICOM PS3.16 CID 401 (1.2.840.10008.6.1.904), which includes the
 * Security Alert types of CID 403 (1.2.840.10008.6.1.906). The 2017c schema does not restrict
 * {@code csd-code}, so every term validates.
 * Transaction-specific event types ({@code "IHE Transactions"}) are open and made with
 * {@link CodedValue#iheTransaction(String, String)}.
 */
public enum EventTypeCode implements CodedTerm {
    APPLICATION_START("110120", "Application Start"),
    APPLICATION_STOP("110121", "Application Stop"),
    LOGIN("110122", "Login"),
    LOGOUT("110123", "Logout"),
    ATTACH("110124", "Attach"),
    DETACH("110125", "Detach"),
    NODE_AUTHENTICATION("110126", "Node Authentication"),
    EMERGENCY_OVERRIDE_STARTED("110127", "Emergency Override Started"),
    NETWORK_CONFIGURATION("110128", "Network Configuration"),
    SECURITY_CONFIGURATION("110129", "Security Configuration"),
    HARDWARE_CONFIGURATION("110130", "Hardware Configuration"),
    SOFTWARE_CONFIGURATION("110131", "Software Configuration"),
    USE_OF_RESTRICTED_FUNCTION("110132", "Use of Restricted Function"),
    AUDIT_RECORDING_STOPPED("110133", "Audit Recording Stopped"),
    AUDIT_RECORDING_STARTED("110134", "Audit Recording Started"),
    OBJECT_SECURITY_ATTRIBUTES_CHANGED("110135", "Object Security Attributes Changed"),
    SECURITY_ROLES_CHANGED("110136", "Security Roles Changed"),
    USER_SECURITY_ATTRIBUTES_CHANGED("110137", "User Security Attributes Changed"),
    EMERGENCY_OVERRIDE_STOPPED("110138", "Emergency Override Stopped"),
    REMOTE_SERVICE_OPERATION_STARTED("110139", "Remote Service Operation Started"),
    REMOTE_SERVICE_OPERATION_STOPPED("110140", "Remote Service Operation Stopped"),
    LOCAL_SERVICE_OPERATION_STARTED("110141", "Local Service Operation Started"),
    LOCAL_SERVICE_OPERATION_STOPPED("110142", "Local Service Operation Stopped"),
    AUTHENTICATION_DECISION("110143", "Authentication Decision"),
    AUTHORIZATION_DECISION("110144", "Authorization Decision"),
    SESSION_START("110145", "Session start"),
    SESSION_STOP("110146", "Session stop"),
    ACCESS_CONTROL_DECISION("110147", "Access Control Decision");

    private final CodedValue value;

    EventTypeCode(String code, String meaning) {
        this.value = CodedValue.dcm(code, meaning);
    }

    @Override
    public CodedValue value() {
        return value;
    }

    @Override
    public String source() {
        return "DICOM PS3.16 CID 401";
    }
}
