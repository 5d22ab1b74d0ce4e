package org.ward.audit.syslog;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of the {@link AuditForwarder}.
 *
 * @param settle how long a record's write must have completed on a still-healthy connection before
 *     it is acknowledged in the spool. RFC 5425 has no application-level ack: a write that
 *     completed only reached our kernel, and if the repository dies right after, it is lost. Waiting
 *     until the connection survived {@code settle} longer turns that loss into a resend (a
 *     duplicate the repository may see twice) whenever the drop is noticed within the window.
 * @param maxInFlight records written but not yet acknowledged, at most
 */
public record ForwarderConfig(Duration settle, int maxInFlight) {

    public ForwarderConfig {
        Objects.requireNonNull(settle, "settle");
        if (settle.isNegative()) {
            throw new IllegalArgumentException("settle must not be negative (audit.forwarder.settle)");
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("max-in-flight must be positive (audit.forwarder.max-in-flight)");
        }
    }

    /** 500 ms settle, 20 000 records in flight. */
    public static ForwarderConfig defaults() {
        return new ForwarderConfig(Duration.ofMillis(500), 20_000);
    }
}
