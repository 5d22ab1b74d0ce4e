package org.ward.audit.repository;

import java.time.Duration;
import java.util.Objects;

/**
 * Ward's own audit repository: where it listens and where it stores. Immutable, checked once; the
 * keys in the messages are those of ward.yaml's {@code audit-repository:} section.
 *
 * @param bindAddress address to listen on ({@code 0.0.0.0}, {@code 127.0.0.1}, …)
 * @param port RFC 5425 port, 6514 by default (RFC 5425 §4.1); 0 picks a free one (tests)
 * @param maxFrameBytes largest SYSLOG-MSG accepted; bigger frames are skipped and counted
 * @param handshakeTimeout TLS handshake limit per connection
 * @param analysisThreads threads that parse, schema-check and index records (in parallel, stored in
 *     arrival order)
 * @param tls server key and sender trust anchors (mutual TLS, always)
 * @param store the database, key and checkpoint settings
 */
public record AuditRepositoryConfig(String bindAddress, int port, int maxFrameBytes, Duration handshakeTimeout,
                                    int analysisThreads, RepositoryTlsCredentials tls, AuditStoreConfig store) {

    public static final int DEFAULT_PORT = 6514;
    public static final int DEFAULT_MAX_FRAME_BYTES = 64 * 1024;

    public AuditRepositoryConfig {
        Objects.requireNonNull(bindAddress, "bind address is missing (audit-repository.bind)");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port + " (audit-repository.port)");
        }
        if (maxFrameBytes < 480 || maxFrameBytes > 16 * 1024 * 1024) {
            // RFC 5424 §6.1: a receiver must accept 480 octets; 16 MiB bounds memory per connection.
            throw new IllegalArgumentException("max-frame-bytes must be 480 to 16777216, was " + maxFrameBytes
                    + " (audit-repository.max-frame-bytes)");
        }
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("handshake-timeout must be positive (audit-repository.handshake-timeout)");
        }
        if (analysisThreads < 1 || analysisThreads > 64) {
            throw new IllegalArgumentException("analysis-threads must be 1 to 64, was " + analysisThreads
                    + " (audit-repository.analysis-threads)");
        }
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(store, "store");
    }

    /** Port 6514 on {@code bindAddress}, 64 KiB frames, 10 s handshakes, one analysis thread per core. */
    public static AuditRepositoryConfig of(String bindAddress, RepositoryTlsCredentials tls, AuditStoreConfig store) {
        return new AuditRepositoryConfig(bindAddress, DEFAULT_PORT, DEFAULT_MAX_FRAME_BYTES, Duration.ofSeconds(10),
                Runtime.getRuntime().availableProcessors(), tls, store);
    }

    public AuditRepositoryConfig withPort(int newPort) {
        return new AuditRepositoryConfig(bindAddress, newPort, maxFrameBytes, handshakeTimeout, analysisThreads, tls,
                store);
    }

    public AuditRepositoryConfig withMaxFrameBytes(int bytes) {
        return new AuditRepositoryConfig(bindAddress, port, bytes, handshakeTimeout, analysisThreads, tls, store);
    }
}
