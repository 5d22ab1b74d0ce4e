package org.ward.audit.syslog;

/**
 * Told of every change of the audit repository connection, so the engine can raise an alarm while
 * audit records pile up in the spool. Called on the sender's event loop: return quickly.
 */
@FunctionalInterface
public interface ConnectionListener {

    /**
     * @param cause why the connection is not healthy ({@code null} for CONNECTING / CONNECTED / CLOSED)
     */
    void stateChanged(ConnectionState state, Throwable cause);

    ConnectionListener NONE = (state, cause) -> { };
}
