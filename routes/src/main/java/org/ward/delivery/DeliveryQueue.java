package org.ward.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The per-destination delivery state a {@link DeliveryWorker} reads and records. The message journal
 * implements it durably; one worker per destination calls it from one thread.
 *
 * <p>Ordering is the queue's promise: {@link #next} returns the oldest message for the destination
 * that is neither delivered nor dead-lettered, even while a {@link #retryLater} {@code notBefore}
 * lies in the future. Skipping it would let a later message overtake it.
 */
public interface DeliveryQueue {

    /** The oldest undelivered, not dead-lettered message for {@code destination}, in journal order. */
    Optional<QueuedMessage> next(String destination);

    /**
     * Up to {@code max} of the oldest undelivered, not dead-lettered messages for {@code destination},
     * in journal order: the first is what {@link #next(String)} returns, the rest follow it. A worker
     * reads ahead with it rather than asking once per message. This default returns at most one.
     */
    default List<QueuedMessage> next(String destination, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1: " + max);
        }
        return next(destination).map(List::of).orElse(List.of());
    }

    /** The destination acknowledged the message positively (AA/CA with MSA-2 = its MSH-10) at {@code at}. */
    void delivered(String destination, long messageId, Instant at);

    /**
     * {@link #delivered(String, long, Instant)} for several messages, each at its event's
     * {@link DeliveryEvent#at}, in the order they were delivered; a durable queue records them together
     * (one commit). When this throws, any of them may still be pending (and will be sent again). This
     * default records them one by one.
     */
    default void delivered(List<DeliveryEvent> deliveries) {
        for (DeliveryEvent delivery : deliveries) {
            delivered(delivery.destination(), delivery.messageId(), delivery.at());
        }
    }

    /**
     * A send failed and will be repeated: the message stays first in line and its
     * {@link QueuedMessage#attempts} grows by one. {@code notBefore} is when the worker will try again,
     * for operators; {@code reason} names the failure without PHI.
     */
    void retryLater(String destination, long messageId, String reason, Instant notBefore);

    /** The destination rejected the message (AR/CR): it is set aside and never sent again. */
    void deadLetter(String destination, long messageId, String reason);
}
