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

    /** Room for the records of one message (an Import per patient is about 2 KB each). */
    static final long HEADROOM_BYTES = 64 * 1024;

    private final AuditSpool spool;
    private final AuditFailurePolicy onFailure;
    private final AtomicLong failures = new AtomicLong();
    /** Whether the latest record failed to spool; the next one that succeeds clears it. */
    private volatile boolean failing;

    public SpoolingAuditSink(AuditSpool spool, AuditFailurePolicy onFailure) {
        this.spool = spool;
        this.onFailure = onFailure;
    }

    @Override
    public void emit(AuditMessage message) {
        try {
            spool.append(DicomAuditXml.toXml(message));
            failing = false;
        } catch (IOException | RuntimeException e) {
            failing = true;
            long count = failures.incrementAndGet();
            LOG.error("audit record could not be spooled ({} so far, on-audit-failure: {}): {}", count,
                    onFailure.configName(), e.getMessage());
            if (onFailure == AuditFailurePolicy.REFUSE) {
                throw new AuditUnavailableException("audit record could not be spooled", e);
            }
        }
    }

    /**
     * With {@code refuse}: while the latest record failed to spool, or the spool has less than
     * {@link #HEADROOM_BYTES} left below its cap. The refused message's own Import record is the next
     * attempt, so the refusals end as soon as the spool takes records again.
     */
    @Override
    public boolean refusesExchanges() {
        return onFailure == AuditFailurePolicy.REFUSE
                && (failing || spool.usedBytes() + HEADROOM_BYTES > spool.capBytes());
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
            failing = false;
        } catch (SpoolFullException e) {
            messages.forEach(this::emit);
        } catch (IOException | RuntimeException e) {
            failing = true;
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
