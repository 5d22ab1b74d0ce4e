package org.ward.delivery;

import java.time.Instant;
import java.util.Objects;

/**
 * What a {@link DeliveryListener} learns about one send; no message content, so it is safe to log,
 * audit (ATNA Export 110106 identifies the message by MSH-10) and alert on.
 *
 * @param destination the destination's name
 * @param messageId   the journal's id of the message
 * @param controlId   its MSH-10
 * @param attempt     which send of this message to this destination it was, from 1
 * @param at          when the outcome was known
 * @param reason      the acknowledgement (e.g. {@code AR ERR-3=207}) or the failure
 */
public record DeliveryEvent(String destination, long messageId, String controlId, int attempt, Instant at,
                            String reason) {

    public DeliveryEvent {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(controlId, "controlId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reason, "reason");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts are counted from 1: " + attempt);
        }
    }
}
