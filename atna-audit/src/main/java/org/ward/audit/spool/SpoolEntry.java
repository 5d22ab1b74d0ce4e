package org.ward.audit.spool;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One spooled record.
 *
 * @param sequence its position in the spool, strictly increasing
 * @param appendedAt when it was appended (milliseconds), used as the syslog TIMESTAMP
 * @param payload the record as appended; copied in and out
 */
public record SpoolEntry(long sequence, Instant appendedAt, byte[] payload) {

    public SpoolEntry {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be positive, was " + sequence);
        }
        Objects.requireNonNull(appendedAt, "appendedAt");
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpoolEntry other && sequence == other.sequence
                && appendedAt.equals(other.appendedAt) && Arrays.equals(payload, other.payload);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(sequence) + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "SpoolEntry[sequence=" + sequence + ", appendedAt=" + appendedAt + ", " + payload.length + " bytes]";
    }
}
