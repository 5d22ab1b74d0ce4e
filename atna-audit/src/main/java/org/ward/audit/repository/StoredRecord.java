package org.ward.audit.repository;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.ward.audit.fhir.DicomRecordReader;
import org.ward.audit.fhir.RecordView;

/**
 * A record as a query returns it: its repository id (the chain seq), when it was received and from
 * whom, its status, and the DICOM XML it carried, read leniently for display.
 *
 * @param seq the record's id in the repository and the paging cursor
 * @param dicomXml the MSG part of the SYSLOG-MSG (BOM removed); empty when the header was malformed
 */
public record StoredRecord(long seq, Instant receivedAt, String source, RecordStatus status, Instant eventTime,
                           Optional<String> dicomXml) {

    static StoredRecord of(AuditRow row) {
        return new StoredRecord(row.seq(), row.receivedAt(), row.source(), row.status(), row.eventTime(),
                xml(row.rawUnsafe()));
    }

    /**
     * The record read as DICOM audit XML, parsed on each call (a search only parses the records a
     * filter or a reader needs); empty when it is not readable XML.
     */
    public Optional<RecordView> view() {
        return dicomXml.flatMap(StoredRecord::read);
    }

    private static Optional<String> xml(byte[] frame) {
        try {
            SyslogMessage header = Rfc5424Parser.parse(frame);
            return Optional.of(new String(frame, header.msgOffset(), frame.length - header.msgOffset(),
                    StandardCharsets.UTF_8));
        } catch (MalformedSyslogException e) {
            return Optional.empty();
        }
    }

    private static Optional<RecordView> read(String xml) {
        try {
            return Optional.of(DicomRecordReader.read(xml));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
