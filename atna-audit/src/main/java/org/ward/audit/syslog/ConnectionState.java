package org.ward.audit.syslog;

/** Health of the connection to the audit repository, as reported to a {@link ConnectionListener}. */
public enum ConnectionState {
    /** TCP connect or TLS handshake in progress. */
    CONNECTING,
    /** Handshake done; records may be written. The only healthy state. */
    CONNECTED,
    /** Connect or handshake failed, or the connection dropped; a reconnect is scheduled. */
    DISCONNECTED,
    /** {@link SyslogTransport#close()} was called. */
    CLOSED
}
