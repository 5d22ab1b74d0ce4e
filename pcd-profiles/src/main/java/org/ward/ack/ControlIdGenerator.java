package org.ward.ack;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fresh MSH-10 values for messages Ward originates: a per-start prefix (start time, base 36) and a
 * counter, so IDs never repeat across restarts and stay well under the 20 characters that HL7
 * v2.3-2.5 receivers allow (v2.6 allows 199).
 */
public final class ControlIdGenerator {

    private final String prefix;
    private final AtomicLong counter = new AtomicLong();

    public ControlIdGenerator() {
        this("W" + Long.toString(System.currentTimeMillis(), 36).toUpperCase(Locale.ROOT));
    }

    ControlIdGenerator(String prefix) {
        this.prefix = prefix;
    }

    public String next() {
        return prefix + "-" + counter.incrementAndGet();
    }
}
