package org.ward.audit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ward.audit.marshal.DicomAuditXml;
import org.ward.audit.model.AuditMessage;
import org.ward.audit.spool.AuditSpool;
import org.ward.audit.spool.SpoolFullException;

/**
 * The sink the engine emits through: each record is written as DICOM XML to the durable spool
 * and counts as emitted only once the spool has it on disk; the forwarder sends it later. The
 * caller never waits on the network (STYLE: side channels fail safely and visibly).
 */
public final class SpoolingAuditSink implements AuditSink {

    private static final Logger LOG = LoggerFactory.getLogger(SpoolingAuditSink.class);

    private final AuditSpool spool;
    private final AuditFailurePolicy onFailure;
    private final AtomicLong failures = new AtomicLong();

    public SpoolingAuditSink(AuditSpool spool, AuditFailurePolicy onFailure) {
        this.spool = spool;
        this.onFailure = onFailure;
    }

    @Override
    public void emit(AuditMessage message) {
        try {
            spool.append(DicomAuditXml.toXml(message));
        } catch (IOException | RuntimeException e) {
            long count = failures.incrementAndGet();
            LOG.error("audit record could not be spooled ({} so far, on-audit-failure: {}): {}", count,
                    onFailure.configName(), e.getMessage());
            if (onFailure == AuditFailurePolicy.REFUSE) {
                throw new AuditUnavailableException("audit record could not be spooled", e);
            }
        }
    }

    /**
     * Spools every record with one wait for the disk ({@link AuditSpool#appendAll}). When they do not
     * all fit under the cap, they are spooled one by one instead, so as many are kept as would have
     * been by {@link #emit}.
     */
    @Override
    public void emitAll(List<AuditMessage> messages) {
        if (messages.size() <= 1) {
            messages.forEach(this::emit);
            return;
        }
        List<byte[]> records = new ArrayList<>(messages.size());
        try {
            for (AuditMessage message : messages) {
                records.add(DicomAuditXml.toXml(message));
            }
        } catch (RuntimeException e) {
            // One record will not marshal: emit each on its own, so only that one is reported and lost.
            messages.forEach(this::emit);
            return;
        }
        try {
            spool.appendAll(records);
        } catch (SpoolFullException e) {
            messages.forEach(this::emit);
        } catch (IOException | RuntimeException e) {
            long count = failures.addAndGet(records.size());
            LOG.error("{} audit records could not all be spooled ({} so far, on-audit-failure: {}): {}",
                    records.size(), count, onFailure.configName(), e.getMessage());
            if (onFailure == AuditFailurePolicy.REFUSE) {
                throw new AuditUnavailableException("audit records could not be spooled", e);
            }
        }
    }

    /** Records that could not be spooled since start-up (health output). */
    public long failures() {
        return failures.get();
    }
}
