package org.ward.audit.syslog;

import java.time.Duration;

/**
 * Exponential reconnect delay, doubling from {@code min} up to {@code max}, reset after a healthy
 * connection. Not thread-safe: owned by the sender's single event loop.
 */
final class Backoff {

    private final long minMillis;
    private final long maxMillis;
    private long nextMillis;

    Backoff(Duration min, Duration max) {
        this.minMillis = min.toMillis();
        this.maxMillis = max.toMillis();
        this.nextMillis = minMillis;
    }

    /** The delay before the next attempt; the one after it is twice as long, up to max. */
    Duration next() {
        long current = nextMillis;
        nextMillis = Math.min(maxMillis, current * 2);
        return Duration.ofMillis(current);
    }

    void reset() {
        nextMillis = minMillis;
    }
}
