package org.ward.audit.spool;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the spool lives and how large it may grow. Immutable, checked once.
 *
 * @param directory holds the segment files, the drain position and a lock file; one spool per directory
 * @param capBytes disk cap; appends beyond it are refused with {@link SpoolFullException}
 * @param segmentBytes a segment is closed and a new one started when the next record would exceed
 *     this; drained segments are deleted whole, so at most one segment of drained records lingers
 * @param maxRecordBytes largest record accepted (also the bound when reading a length from disk)
 * @param ackSyncInterval how often the drain position is forced to disk (it is written on every
 *     acknowledge, so only a power loss, not a process crash, can lose the last interval's acks)
 */
public record SpoolConfig(Path directory, long capBytes, long segmentBytes, int maxRecordBytes,
                          Duration ackSyncInterval) {

    /** {@link SpoolListener#nearlyFull} fires when usage reaches this share of the cap. */
    public static final double NEARLY_FULL_RATIO = 0.8;

    public static final long DEFAULT_CAP_BYTES = 256L * 1024 * 1024;
    public static final long DEFAULT_SEGMENT_BYTES = 4L * 1024 * 1024;
    public static final int DEFAULT_MAX_RECORD_BYTES = 256 * 1024;

    public SpoolConfig {
        Objects.requireNonNull(directory, "spool directory is missing (audit.spool.directory)");
        if (segmentBytes < RecordFormat.HEADER_BYTES + 1) {
            throw new IllegalArgumentException("segment-bytes too small: " + segmentBytes + " (audit.spool.segment-bytes)");
        }
        if (maxRecordBytes < 1 || RecordFormat.HEADER_BYTES + (long) maxRecordBytes > segmentBytes) {
            throw new IllegalArgumentException("max-record-bytes " + maxRecordBytes + " must be positive and a record"
                    + " must fit in one segment of " + segmentBytes + " bytes (audit.spool.max-record-bytes)");
        }
        if (capBytes < 4 * segmentBytes) {
            throw new IllegalArgumentException("cap-bytes " + capBytes + " must be at least 4 segments of "
                    + segmentBytes + " bytes (audit.spool.cap-bytes)");
        }
        Objects.requireNonNull(ackSyncInterval, "ack-sync-interval");
        if (ackSyncInterval.isNegative()) {
            throw new IllegalArgumentException("ack-sync-interval must not be negative (audit.spool.ack-sync-interval)");
        }
    }

    /** 256 MiB cap, 4 MiB segments, 256 KiB records, drain position forced every 200 ms. */
    public static SpoolConfig of(Path directory) {
        return new SpoolConfig(directory, DEFAULT_CAP_BYTES, DEFAULT_SEGMENT_BYTES, DEFAULT_MAX_RECORD_BYTES,
                Duration.ofMillis(200));
    }

    long nearlyFullBytes() {
        return (long) (capBytes * NEARLY_FULL_RATIO);
    }
}
