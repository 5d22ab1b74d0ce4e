package org.ward.audit.repository;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the audit repository since it started; thread-safe, read any time (e.g. for metrics or
 * {@code ward status}). Every record or frame the repository did not store normally is counted in
 * exactly one problem counter, and logged with its reason.
 */
public final class RepositoryStats {

    private final LongAdder connections = new LongAdder();
    private final LongAdder handshakeFailures = new LongAdder();
    private final LongAdder frames = new LongAdder();
    private final LongAdder oversizeFrames = new LongAdder();
    private final LongAdder framingErrors = new LongAdder();
    private final LongAdder stored = new LongAdder();
    private final LongAdder invalidSchema = new LongAdder();
    private final LongAdder malformedHeader = new LongAdder();
    private final LongAdder notUtf8 = new LongAdder();
    private final LongAdder checkpoints = new LongAdder();
    private final LongAdder writeFailures = new LongAdder();
    private final LongAdder lost = new LongAdder();

    /** TLS connections accepted (before the handshake). */
    public long connections() {
        return connections.sum();
    }

    /** Handshakes that failed (no or untrusted client certificate, protocol or suite refused). */
    public long handshakeFailures() {
        return handshakeFailures.sum();
    }

    /** Complete frames cut from connections. */
    public long frames() {
        return frames.sum();
    }

    /** Frames above max-frame-bytes, skipped (octet counting) or discarded up to their LF. */
    public long oversizeFrames() {
        return oversizeFrames.sum();
    }

    /** Connections closed because their framing broke (cannot resynchronise). */
    public long framingErrors() {
        return framingErrors.sum();
    }

    /** Records committed to the store, whatever their status. */
    public long stored() {
        return stored.sum();
    }

    /** Of those, stored as {@link RecordStatus#INVALID_SCHEMA}. */
    public long invalidSchema() {
        return invalidSchema.sum();
    }

    /** Of those, stored as {@link RecordStatus#MALFORMED_HEADER}. */
    public long malformedHeader() {
        return malformedHeader.sum();
    }

    /** Of those, stored as {@link RecordStatus#NOT_UTF8}. */
    public long notUtf8() {
        return notUtf8.sum();
    }

    /** Signed checkpoints written. */
    public long checkpoints() {
        return checkpoints.sum();
    }

    /** Failed write transactions (each retried). */
    public long writeFailures() {
        return writeFailures.sum();
    }

    /** Records received but never stored (the database stayed down through shutdown). */
    public long lost() {
        return lost.sum();
    }

    void connectionAccepted() {
        connections.increment();
    }

    void handshakeFailed() {
        handshakeFailures.increment();
    }

    void frameReceived() {
        frames.increment();
    }

    void oversizeFrame() {
        oversizeFrames.increment();
    }

    void framingError() {
        framingErrors.increment();
    }

    void stored(RecordStatus status) {
        stored.increment();
        switch (status) {
            case VALID -> { }
            case INVALID_SCHEMA -> invalidSchema.increment();
            case MALFORMED_HEADER -> malformedHeader.increment();
            case NOT_UTF8 -> notUtf8.increment();
        }
    }

    void checkpointWritten() {
        checkpoints.increment();
    }

    void writeFailed() {
        writeFailures.increment();
    }

    void lost(int records) {
        lost.add(records);
    }

    @Override
    public String toString() {
        return "RepositoryStats[connections=" + connections() + ", handshakeFailures=" + handshakeFailures()
                + ", frames=" + frames() + ", oversizeFrames=" + oversizeFrames() + ", framingErrors="
                + framingErrors() + ", stored=" + stored() + ", invalidSchema=" + invalidSchema()
                + ", malformedHeader=" + malformedHeader() + ", notUtf8=" + notUtf8() + ", checkpoints="
                + checkpoints() + ", writeFailures=" + writeFailures() + ", lost=" + lost() + "]";
    }
}
