package org.ward.audit.syslog;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Carries complete SYSLOG-MSGs to one audit repository. Each healthy connection has a
 * generation number, so the caller can tell whether a record it wrote went out on the connection
 * that is still up.
 */
public interface SyslogTransport extends AutoCloseable {

    /** Starts connecting (and reconnecting) in the background; returns at once. */
    void start();

    ConnectionState state();

    /** Generation of the current healthy connection, or -1 if there is none. */
    long generation();

    /**
     * Waits until a connection is healthy.
     *
     * @return its generation, or -1 if none came up within {@code timeout}
     */
    long awaitConnected(Duration timeout) throws InterruptedException;

    /**
     * Writes one SYSLOG-MSG on connection {@code generation}.
     *
     * @return completes when the bytes were written to that connection's socket; fails if the
     *     connection is not healthy or no longer that generation, or the write failed
     */
    default CompletableFuture<Void> send(long generation, byte[] syslogMsg) {
        return sendAll(generation, List.of(syslogMsg)).get(0);
    }

    /**
     * Writes several SYSLOG-MSGs in order on connection {@code generation} and flushes once.
     *
     * @return one future per message, in the same order, as for {@link #send}
     */
    List<CompletableFuture<Void>> sendAll(long generation, List<byte[]> syslogMsgs);

    /** Closes the connection (TLS close_notify first) and stops reconnecting. */
    @Override
    void close();
}
