package org.ward.delivery;

import java.time.Instant;
import java.util.List;

/**
 * Told of every delivery outcome: the hook for audit (Export) and alerts. Deliveries are told
 * <em>before</em> the queue records them, so that their Export records are durable by the time a
 * message leaves the queue (a crash in between sends the message again and audits it twice, never
 * not at all); retries and dead letters after the queue has recorded them. Called on the
 * destination's worker thread, so it must return quickly. An exception thrown for a retry or a dead
 * letter is logged and does not stop delivery; one thrown for deliveries leaves them unrecorded, so
 * they are sent again after a back-off (the listener should deal with its own side-channel failures,
 * as the audit trail does, and throw only when the deliveries should not be recorded).
 */
public interface DeliveryListener {

    /** Does nothing. */
    DeliveryListener NONE = new DeliveryListener() {
    };

    /** The destination acknowledged the message positively. */
    default void delivered(DeliveryEvent event) {
    }

    /**
     * Several deliveries to one destination, in the order they happened; a listener that writes a
     * durable record for each may write them together. This default calls {@link #delivered(DeliveryEvent)}
     * for each.
     */
    default void delivered(List<DeliveryEvent> events) {
        events.forEach(this::delivered);
    }

    /** The send failed; the same message goes again at {@code notBefore}, before any later message. */
    default void retrying(DeliveryEvent event, Instant notBefore) {
    }

    /** The destination rejected the message (or it can never be matched to an acknowledgement). */
    default void deadLettered(DeliveryEvent event) {
    }
}
