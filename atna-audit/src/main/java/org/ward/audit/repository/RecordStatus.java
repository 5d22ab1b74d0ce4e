package org.ward.audit.repository;

/**
 * What the repository found when it checked a received record. Every record is stored whatever its
 * status: evidence is never dropped, it is flagged.
 */
public enum RecordStatus {
    /** RFC 5424 header parsed, MSG is UTF-8 and valid against the DICOM PS3.15 A.5 schema. */
    VALID,
    /** Header and encoding fine; MSG fails the DICOM schema (or is not XML at all). */
    INVALID_SCHEMA,
    /** The frame's SYSLOG-MSG does not start with a well-formed RFC 5424 header. */
    MALFORMED_HEADER,
    /** MSG is not valid UTF-8 (RFC 5424 §6.4 requires UTF-8 when it starts with a BOM; DICOM always). */
    NOT_UTF8
}
