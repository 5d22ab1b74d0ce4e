package org.ward.engine;

import java.util.ArrayList;
import java.util.List;
import org.ward.audit.AuditSink;
import org.ward.audit.marshal.DicomAuditSchema;
import org.ward.audit.marshal.DicomAuditXml;
import org.ward.audit.marshal.InvalidAuditRecordException;
import org.ward.audit.model.AuditMessage;

/**
 * Keeps every record the engine emits, after checking it against the DICOM audit schema; a record
 * that fails the schema is kept in {@link #invalid()} so a test can fail on it.
 */
public final class RecordingAuditSink implements AuditSink {

    private final List<AuditMessage> records = new ArrayList<>();
    private final List<String> invalid = new ArrayList<>();
    private volatile boolean refusing;

    @Override
    public synchronized void emit(AuditMessage message) {
        try {
            DicomAuditSchema.validate(DicomAuditXml.toXml(message));
        } catch (InvalidAuditRecordException e) {
            invalid.add(e.getMessage() + ": " + e.parserDetail());
        }
        records.add(message);
    }

    /** Plays a spool that cannot keep records under {@code on-audit-failure: refuse}. */
    public void refuseExchanges(boolean refuse) {
        refusing = refuse;
    }

    @Override
    public boolean refusesExchanges() {
        return refusing;
    }

    public synchronized List<AuditMessage> records() {
        return List.copyOf(records);
    }

    public synchronized List<String> invalid() {
        return List.copyOf(invalid);
    }

    /** The records as XML text, for assertions on content. */
    public synchronized List<String> xml() {
        return records.stream().map(r -> new String(DicomAuditXml.toXml(r), java.nio.charset.StandardCharsets.UTF_8)).toList();
    }
}
