package org.ward.delivery;

import java.util.Arrays;
import java.util.Objects;

/**
 * One message waiting for a destination, as the journal holds it.
 *
 * @param id        the journal's identifier; larger means journalled later
 * @param controlId MSH-10 of {@code payload}, which the acknowledgement's MSA-2 must echo
 * @param payload   the message exactly as Ward received it, without MLLP framing
 * @param attempts  sends to this destination that have already failed ({@link DeliveryQueue#retryLater})
 */
public record QueuedMessage(long id, String controlId, byte[] payload, int attempts) {

    public QueuedMessage {
        Objects.requireNonNull(controlId, "controlId");
        Objects.requireNonNull(payload, "payload");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative: " + attempts);
        }
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof QueuedMessage m && m.id == id && m.controlId.equals(controlId)
                && Arrays.equals(m.payload, payload) && m.attempts == attempts;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, controlId, Arrays.hashCode(payload), attempts);
    }

    @Override
    public String toString() {
        // The payload carries PHI: never print it.
        return "QueuedMessage[id=" + id + " control-id=" + controlId + " bytes=" + payload.length
                + " attempts=" + attempts + "]";
    }
}
