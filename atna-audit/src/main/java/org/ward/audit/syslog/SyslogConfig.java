package org.ward.audit.syslog;

import java.time.Duration;
import java.util.Objects;

/**
 * Where and how audit records go over RFC 5425. Immutable, checked once when built; whoever reads
 * ward.yaml maps its keys (named in the messages) onto this record.
 *
 * @param host audit repository host name or address (connect target; also the name checked when
 *     {@code verifyHostname})
 * @param port its RFC 5425 port (6514 by default, RFC 5425 §4.1)
 * @param identity HOSTNAME, APP-NAME, PROCID written into every message
 * @param msgEncoding whether MSG starts with a BOM
 * @param maxMessageBytes largest SYSLOG-MSG sent; the receiver must accept it
 * @param connectTimeout TCP connect plus TLS handshake
 * @param backoffMin first reconnect delay
 * @param backoffMax largest reconnect delay
 * @param verifyHostname check the repository certificate against {@code host} (RFC 6125)
 */
public record SyslogConfig(
        String host,
        int port,
        SyslogIdentity identity,
        MsgEncoding msgEncoding,
        int maxMessageBytes,
        Duration connectTimeout,
        Duration backoffMin,
        Duration backoffMax,
        boolean verifyHostname) {

    public static final int DEFAULT_PORT = 6514;
    /** Matches the rsyslog {@code global(maxMessageSize="256k")} Ward documents for its repository. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 256 * 1024;

    public SyslogConfig {
        Objects.requireNonNull(host, "audit repository host is missing (audit.repository.host)");
        if (host.isBlank()) {
            throw new IllegalArgumentException("audit repository host is blank (audit.repository.host)");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, was " + port + " (audit.repository.port)");
        }
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(msgEncoding, "msg-encoding");
        if (maxMessageBytes < 480) {
            throw new IllegalArgumentException("max-message-bytes must be at least 480 (RFC 5424 §6.1), was "
                    + maxMessageBytes + " (audit.repository.max-message-bytes)");
        }
        requirePositive(connectTimeout, "audit.repository.connect-timeout");
        requirePositive(backoffMin, "audit.repository.backoff-min");
        requirePositive(backoffMax, "audit.repository.backoff-max");
        if (backoffMax.compareTo(backoffMin) < 0) {
            throw new IllegalArgumentException("backoff-max " + backoffMax + " is below backoff-min " + backoffMin
                    + " (audit.repository.backoff-max)");
        }
    }

    /** Defaults: BOM on, 256 KiB, 10 s connect, back-off 0.5 s → 30 s, host name checked. */
    public static SyslogConfig of(String host, int port, SyslogIdentity identity) {
        return new SyslogConfig(host, port, identity, MsgEncoding.UTF8_WITH_BOM, DEFAULT_MAX_MESSAGE_BYTES,
                Duration.ofSeconds(10), Duration.ofMillis(500), Duration.ofSeconds(30), true);
    }

    public SyslogConfig withBackoff(Duration min, Duration max) {
        return new SyslogConfig(host, port, identity, msgEncoding, maxMessageBytes, connectTimeout, min, max,
                verifyHostname);
    }

    public SyslogConfig withVerifyHostname(boolean verify) {
        return new SyslogConfig(host, port, identity, msgEncoding, maxMessageBytes, connectTimeout, backoffMin,
                backoffMax, verify);
    }

    private static void requirePositive(Duration d, String key) {
        Objects.requireNonNull(d, () -> key + " is missing");
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + " must be positive, was " + d);
        }
    }
}
