package org.ward.delivery;

import java.time.Instant;

/**
 * Told of every delivery outcome, after the queue has recorded it: the hook for audit (Export) and
 * alerts. Called on the destination's worker thread, so it must return quickly; an exception it
 * throws is logged and does not stop delivery.
 */
public interface DeliveryListener {

    /** Does nothing. */
    DeliveryListener NONE = new DeliveryListener() {
    };

    /** The destination acknowledged the message positively. */
    default void delivered(DeliveryEvent event) {
    }

    /** The send failed; the same message goes again at {@code notBefore}, before any later message. */
    default void retrying(DeliveryEvent event, Instant notBefore) {
    }

    /** The destination rejected the message (or it can never be matched to an acknowledgement). */
    default void deadLettered(DeliveryEvent event) {
    }
}
