package org.ward.delivery;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * One connection to a destination at a time, opened on demand. Used by one worker thread; only
 * {@link #disconnect} and {@link #close} may be called from another thread, to abandon an exchange.
 */
public interface DestinationTransport extends AutoCloseable {

    /** Sends one framed message, connecting first when no connection is open. */
    void send(byte[] payload) throws IOException;

    /** The next framed reply on the current connection; empty when none arrived within {@code wait}. */
    Optional<byte[]> receive(Duration wait) throws IOException;

    /**
     * Drops the current connection, if any, so that nothing still in flight on it (such as a late
     * acknowledgement) can be read as the answer to a later send. The next {@link #send} reconnects.
     */
    void disconnect();

    /** Disconnects for good: {@link #send} fails afterwards. */
    @Override
    void close();
}
