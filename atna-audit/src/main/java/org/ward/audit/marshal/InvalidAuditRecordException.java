package org.ward.audit.marshal;

/**
 * A byte string that is not a DICOM PS3.15 A.5 audit record: not well-formed, carries a DOCTYPE,
 * or breaks {@code dicom2017c.xsd}. {@link #getMessage()} gives only the position, never the
 * parser's text, which can quote attribute values (PHI); {@link #parserDetail()} has it for
 * callers that may show it.
 */
public final class InvalidAuditRecordException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;
    private final transient String parserDetail;

    InvalidAuditRecordException(int line, int column, String parserDetail, Throwable cause) {
        super("audit record does not match the DICOM audit schema (dicom2017c.xsd) at line "
                + line + ", column " + column, cause);
        this.line = line;
        this.column = column;
        this.parserDetail = parserDetail;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The XML parser's own description; may quote the record's values. */
    public String parserDetail() {
        return parserDetail;
    }
}
