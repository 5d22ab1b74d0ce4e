package org.ward.audit.repository;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import javax.xml.stream.XMLStreamException;
import org.ward.audit.marshal.DicomAuditSchema;
import org.ward.audit.marshal.InvalidAuditRecordException;

/**
 * Turns one received SYSLOG-MSG into the row to store: header parsed, MSG checked for UTF-8 and
 * against the DICOM schema, fields extracted. Total: whatever the bytes, it returns a row (flagged
 * with a {@link RecordStatus} and a problem text) and never throws, because evidence is never
 * dropped. Stateless and thread-safe; runs in the repository's analysis pool.
 */
public final class RecordAnalyzer {

    private RecordAnalyzer() {
    }

    public static AuditRow analyze(byte[] frame, Instant receivedAt, String source) {
        SyslogMessage header;
        try {
            header = Rfc5424Parser.parse(frame);
        } catch (MalformedSyslogException e) {
            return row(frame, receivedAt, source, RecordStatus.MALFORMED_HEADER, e.getMessage(), null,
                    ExtractedFields.NONE);
        }
        int length = frame.length - header.msgOffset();
        if (!isUtf8(frame, header.msgOffset(), length)) {
            return row(frame, receivedAt, source, RecordStatus.NOT_UTF8, "MSG is not valid UTF-8 (RFC 5424 §6.4)",
                    header, ExtractedFields.NONE);
        }
        RecordStatus status = RecordStatus.VALID;
        String problem = null;
        byte[] msg = Arrays.copyOfRange(frame, header.msgOffset(), frame.length);
        try {
            DicomAuditSchema.validate(msg);
        } catch (InvalidAuditRecordException e) {
            status = RecordStatus.INVALID_SCHEMA;
            problem = "DICOM schema: " + e.getMessage();
        } catch (RuntimeException e) {
            status = RecordStatus.INVALID_SCHEMA;
            problem = "DICOM schema check failed: " + e;
        }
        ExtractedFields fields;
        try {
            fields = AuditRecordExtractor.extract(msg, 0, msg.length);
        } catch (XMLStreamException | RuntimeException e) {
            fields = ExtractedFields.NONE;
            if (status == RecordStatus.VALID) { // cannot happen for schema-valid XML; flag it all the same
                status = RecordStatus.INVALID_SCHEMA;
                problem = "not extractable: " + e.getMessage();
            }
        }
        return row(frame, receivedAt, source, status, problem, header, fields);
    }

    private static AuditRow row(byte[] frame, Instant receivedAt, String source, RecordStatus status, String problem,
                                SyslogMessage h, ExtractedFields f) {
        return new AuditRow(0, receivedAt, source, status, problem,
                h == null ? null : h.timestamp(), h == null ? null : h.hostname(),
                h == null ? null : h.appName(), h == null ? null : h.msgId(),
                f.eventId(), f.eventAction(), f.eventOutcome(), f.eventTime(), frame, f.index());
    }

    private static boolean isUtf8(byte[] bytes, int offset, int length) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            decoder.decode(ByteBuffer.wrap(bytes, offset, length));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
