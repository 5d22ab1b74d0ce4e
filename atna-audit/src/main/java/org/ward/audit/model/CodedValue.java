package org.ward.audit.model;

/**
 * A coded value as the DICOM 2017c audit schema writes it ({@code CodedValueType}):
 * {@code csd-code}, {@code codeSystemName} and {@code originalText} are required,
 * {@code displayName} is optional.
 *
 * @param code           {@code csd-code}
 * @param codeSystemName {@code codeSystemName}, e.g. {@code "DCM"}
 * @param originalText   {@code originalText}, the human-readable meaning
 * @param displayName    {@code displayName}, or null
 */
public record CodedValue(String code, String codeSystemName, String originalText, String displayName) {

    /** DICOM Controlled Terminology (PS3.16 Annex D). */
    public static final String DCM = "DCM";
    /** The RFC 3881 code system, used for the participant object ID types 1–12. */
    public static final String RFC_3881 = "RFC-3881";
    /** The code system of IHE transaction codes used as event types, e.g. {@code ITI-8}, {@code PCD-01}. */
    public static final String IHE_TRANSACTIONS = "IHE Transactions";

    public CodedValue {
        Checks.requireText(code, "csd-code");
        Checks.requireText(codeSystemName, "codeSystemName");
        Checks.requireText(originalText, "originalText");
        Checks.optionalText(displayName, "displayName");
    }

    public static CodedValue of(String code, String codeSystemName, String originalText) {
        return new CodedValue(code, codeSystemName, originalText, null);
    }

    /** A DICOM code ({@code codeSystemName="DCM"}). */
    public static CodedValue dcm(String code, String originalText) {
        return of(code, DCM, originalText);
    }

    /**
     * An IHE transaction as event type, e.g. {@code iheTransaction("PCD-01", "Communicate PCD Data")}
     * (ITI TF-2 §3.20: transaction audit records carry the transaction as EventTypeCode with
     * code system "IHE Transactions").
     */
    public static CodedValue iheTransaction(String transaction, String name) {
        return of(transaction, IHE_TRANSACTIONS, name);
    }

    @Override
    public String toString() {
        return code + " " + codeSystemName + " \"" + originalText + "\"";
    }
}
