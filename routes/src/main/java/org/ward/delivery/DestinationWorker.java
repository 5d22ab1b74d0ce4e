package org.ward.delivery;

import java.time.Duration;

/** Delivers one destination's queue in order on a thread of its own, whatever the destination is. */
public interface DestinationWorker extends AutoCloseable {

    String destination();

    /** Starts the worker thread; once only. */
    void start();

    /** Says a message was queued, so an idle worker looks now rather than at its next poll. */
    void wake();

    /**
     * Stops after the message in hand, waiting up to {@code grace}; what was not recorded as delivered
     * is delivered again by the next worker.
     *
     * @return whether the worker thread has ended
     */
    boolean stop(Duration grace);

    @Override
    void close();
}
