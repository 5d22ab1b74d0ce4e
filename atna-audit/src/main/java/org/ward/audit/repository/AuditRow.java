package org.ward.audit.repository;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One stored audit record: a row of {@code audit_records} with its {@code audit_index} rows. What the
 * hash chain covers ({@link CanonicalRecord}). Times are truncated to microseconds, the precision
 * both H2 and PostgreSQL keep, so a row read back hashes the same as the row written.
 *
 * @param seq position in the chain, from 1; 0 until the writer assigns it
 * @param receivedAt when the frame was read off the connection
 * @param source the peer: {@code address:port} and, over TLS, the certificate subject
 * @param raw the SYSLOG-MSG exactly as received (header, optional BOM, MSG)
 * @param index sorted by kind, then ordinal
 */
public record AuditRow(long seq, Instant receivedAt, String source, RecordStatus status, String problem,
                       String syslogTime, String hostname, String appName, String msgId,
                       String eventId, String eventAction, String eventOutcome, Instant eventTime,
                       byte[] raw, List<IndexEntry> index) {

    public AuditRow {
        if (seq < 0) {
            throw new IllegalArgumentException("seq must not be negative, was " + seq);
        }
        receivedAt = Objects.requireNonNull(receivedAt, "receivedAt").truncatedTo(ChronoUnit.MICROS);
        source = Text.clip(Objects.requireNonNull(source, "source"), Text.MAX_SOURCE_CHARS);
        Objects.requireNonNull(status, "status");
        problem = Text.clip(problem, Text.MAX_PROBLEM_CHARS);
        eventId = Text.clip(eventId, Text.MAX_CODE_CHARS);
        eventAction = Text.clip(eventAction, Text.MAX_CODE_CHARS);
        eventOutcome = Text.clip(eventOutcome, Text.MAX_CODE_CHARS);
        eventTime = eventTime == null ? null : eventTime.truncatedTo(ChronoUnit.MICROS);
        Objects.requireNonNull(raw, "raw");
        List<IndexEntry> sorted = new ArrayList<>(index);
        sorted.sort(IndexEntry.ORDER);
        index = List.copyOf(sorted);
    }

    AuditRow withSeq(long newSeq) {
        return new AuditRow(newSeq, receivedAt, source, status, problem, syslogTime, hostname, appName, msgId,
                eventId, eventAction, eventOutcome, eventTime, raw, index);
    }

    /** The same record with its {@code audit_index} rows, read separately. */
    AuditRow withIndex(List<IndexEntry> entries) {
        return new AuditRow(seq, receivedAt, source, status, problem, syslogTime, hostname, appName, msgId,
                eventId, eventAction, eventOutcome, eventTime, raw, entries);
    }

    /** The values of one kind, in ordinal order. */
    public List<String> values(IndexKind kind) {
        return index.stream().filter(e -> e.kind() == kind).map(IndexEntry::value).toList();
    }

    @Override
    public byte[] raw() {
        return raw.clone();
    }

    /** No copy, for the writer and the hash. */
    byte[] rawUnsafe() {
        return raw;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuditRow r && seq == r.seq && receivedAt.equals(r.receivedAt)
                && source.equals(r.source) && status == r.status && Objects.equals(problem, r.problem)
                && Objects.equals(syslogTime, r.syslogTime) && Objects.equals(hostname, r.hostname)
                && Objects.equals(appName, r.appName) && Objects.equals(msgId, r.msgId)
                && Objects.equals(eventId, r.eventId) && Objects.equals(eventAction, r.eventAction)
                && Objects.equals(eventOutcome, r.eventOutcome) && Objects.equals(eventTime, r.eventTime)
                && Arrays.equals(raw, r.raw) && index.equals(r.index);
    }

    @Override
    public int hashCode() {
        return Objects.hash(seq, receivedAt, source, status, Arrays.hashCode(raw));
    }

    /** No payload, no patient IDs: safe to log. */
    @Override
    public String toString() {
        return "AuditRow[seq=" + seq + ", receivedAt=" + receivedAt + ", status=" + status + ", eventId=" + eventId
                + ", rawBytes=" + raw.length + ", indexEntries=" + index.size() + "]";
    }
}
