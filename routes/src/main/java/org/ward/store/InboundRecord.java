package org.ward.store;

import java.nio.charset.Charset;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * One inbound message as the engine received it, to be journalled before it is acknowledged.
 *
 * @param receivedAt   when the frame was received; kept to the microsecond, as both databases store it
 * @param listener     the name of the listener it arrived on
 * @param sender       the authenticated sender
 * @param messageType  MSH-9, e.g. {@code ORU^R01^ORU_R01}
 * @param controlId    MSH-10
 * @param transaction  the IHE PCD transaction, e.g. {@code PCD-01}, or null when none applies
 * @param patientIds   the patient identifiers the message names (PID-3 repetitions); duplicates are
 *                     dropped, order is kept
 * @param charset      the character set the payload is encoded in (from MSH-18 or the listener default)
 * @param payload      the message bytes exactly as received (without MLLP framing)
 * @param destinations the destinations the routes send the message to; the journal queues it for each
 *                     in the same transaction that commits it. Duplicates are dropped, order is kept;
 *                     may be empty
 */
public record InboundRecord(Instant receivedAt, String listener, Sender sender, String messageType,
                            String controlId, String transaction, List<String> patientIds, Charset charset,
                            byte[] payload, List<String> destinations) {

    /** A record queued for no destination. */
    public InboundRecord(Instant receivedAt, String listener, Sender sender, String messageType, String controlId,
                         String transaction, List<String> patientIds, Charset charset, byte[] payload) {
        this(receivedAt, listener, sender, messageType, controlId, transaction, patientIds, charset, payload,
                List.of());
    }

    public InboundRecord {
        receivedAt = Objects.requireNonNull(receivedAt, "receivedAt").truncatedTo(ChronoUnit.MICROS);
        Fields.required(listener, "listener", 128);
        Objects.requireNonNull(sender, "sender");
        Fields.required(messageType, "message type (MSH-9)", 64);
        Fields.required(controlId, "control id (MSH-10)", 199);
        Fields.optional(transaction, "transaction", 32);
        patientIds = List.copyOf(new LinkedHashSet<>(Objects.requireNonNull(patientIds, "patientIds")));
        patientIds.forEach(id -> Fields.required(id, "patient id", 250));
        Objects.requireNonNull(charset, "charset");
        payload = Objects.requireNonNull(payload, "payload").clone();
        if (payload.length == 0) {
            throw new IllegalArgumentException("payload is empty");
        }
        destinations = List.copyOf(new LinkedHashSet<>(Objects.requireNonNull(destinations, "destinations")));
        destinations.forEach(name -> Fields.required(name, "destination", 128));
    }

    /** The same record, queued for {@code names} instead. */
    public InboundRecord withDestinations(List<String> names) {
        return new InboundRecord(receivedAt, listener, sender, messageType, controlId, transaction, patientIds,
                charset, payload, names);
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The payload without a defensive copy, for the journal's own use. */
    byte[] payloadUnsafe() {
        return payload;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InboundRecord that
                && receivedAt.equals(that.receivedAt) && listener.equals(that.listener)
                && sender.equals(that.sender) && messageType.equals(that.messageType)
                && controlId.equals(that.controlId) && Objects.equals(transaction, that.transaction)
                && patientIds.equals(that.patientIds) && charset.equals(that.charset)
                && Arrays.equals(payload, that.payload) && destinations.equals(that.destinations);
    }

    @Override
    public int hashCode() {
        return Objects.hash(receivedAt, listener, sender, messageType, controlId, transaction, patientIds,
                charset, Arrays.hashCode(payload), destinations);
    }

    /** Names no patient id and shows no payload: records end up in logs. */
    @Override
    public String toString() {
        return "InboundRecord[" + messageType + " " + controlId + " on " + listener + ", "
                + payload.length + " bytes]";
    }
}
