package org.ward.engine;

import java.util.concurrent.atomic.LongAdder;

/** Counts of what one listener did with the messages it received since start-up. */
public final class ListenerStats {

    private final LongAdder accepted = new LongAdder();
    private final LongAdder refused = new LongAdder();

    void accepted() {
        accepted.increment();
    }

    void refused() {
        refused.increment();
    }

    /** Messages acknowledged with AA/CA. */
    public long acceptedCount() {
        return accepted.sum();
    }

    /** Messages answered with a negative acknowledgement. */
    public long refusedCount() {
        return refused.sum();
    }

    /** Every message that reached HL7 processing. */
    public long receivedCount() {
        return acceptedCount() + refusedCount();
    }
}
