package org.ward.audit.spool;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A durable, ordered queue of audit records between the components that emit them and the
 * forwarder that sends them to the audit repository.
 *
 * <p>Records are numbered by a sequence that only grows. Appending never touches the network;
 * acknowledging is cumulative ("everything up to and including this sequence reached the
 * repository"), so the drain position is simply the last acknowledged sequence + 1.
 */
public interface AuditSpool extends AutoCloseable {

    /**
     * Stores one record.
     *
     * @return its sequence number; the record is on stable storage when this returns
     * @throws SpoolFullException if storing it would exceed the disk cap (nothing was stored)
     * @throws IOException if the record could not be made durable (nothing may be assumed stored)
     */
    long append(byte[] record) throws IOException;

    /**
     * Stores several records, in order, as if appended one after the other; an implementation may
     * make them durable together (one fsync rather than one each). This default appends them one by
     * one.
     *
     * @return their sequence numbers, in order; every record is on stable storage when this returns
     * @throws SpoolFullException if storing them all would exceed the disk cap (nothing was stored)
     * @throws IOException if some could not be made durable (any of them may or may not be stored)
     */
    default List<Long> appendAll(List<byte[]> records) throws IOException {
        List<Long> sequences = new java.util.ArrayList<>(records.size());
        for (byte[] record : records) {
            sequences.add(append(record));
        }
        return List.copyOf(sequences);
    }

    /** The oldest record not yet acknowledged. */
    default Optional<SpoolEntry> peek() throws IOException {
        return read(drainPosition(), 1).stream().findFirst();
    }

    /**
     * Up to {@code max} records in order, starting at {@code fromSequence} (or at the drain
     * position if that is later). Lets a forwarder keep several records in flight.
     */
    List<SpoolEntry> read(long fromSequence, int max) throws IOException;

    /** Sequence of the oldest record not yet acknowledged (last acknowledged + 1). */
    long drainPosition();

    /**
     * Waits until a record with a sequence of at least {@code fromSequence} is stored.
     *
     * @return whether one is there
     */
    boolean awaitRecord(long fromSequence, Duration timeout) throws InterruptedException;

    /**
     * Marks every record up to and including {@code sequence} as delivered; they will not be read
     * again, even after a restart, and their disk space is released segment by segment.
     * Acknowledging an already acknowledged sequence does nothing.
     *
     * @throws IllegalArgumentException for a sequence that was never appended
     */
    void acknowledge(long sequence) throws IOException;

    /** Bytes the spool occupies on disk (records not yet released included). */
    long usedBytes();

    /** The disk cap. */
    long capBytes();

    /** Records appended and not yet acknowledged. */
    long pending();

    /** Makes everything durable and releases files; records not yet drained stay for the next open. */
    @Override
    void close() throws IOException;
}
