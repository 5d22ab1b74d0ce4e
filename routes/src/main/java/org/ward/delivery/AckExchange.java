package org.ward.delivery;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One send of one message and the wait for its acknowledgement on the same connection. Whenever the
 * reply stream can no longer be trusted to line up with what was sent (timeout, broken connection,
 * a reply for another message or no acknowledgement at all), the connection is dropped, so a late
 * reply can never be matched to the next send.
 */
final class AckExchange {

    private static final int MAX_ECHOED_CONTROL_ID = 40;

    private final DestinationTransport transport;
    private final AckKind kind;
    private final Duration ackTimeout;

    AckExchange(DestinationTransport transport, AckKind kind, Duration ackTimeout) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.ackTimeout = Objects.requireNonNull(ackTimeout, "ackTimeout");
    }

    /** Sends {@code payload} unchanged and waits up to the ack timeout for MSA-2 = {@code controlId}. */
    AttemptOutcome attempt(byte[] payload, String controlId) {
        try {
            transport.send(payload);
        } catch (IOException e) {
            return reset("cannot send: " + describe(e));
        }
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        while (true) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return reset("no acknowledgement within " + ackTimeout.toMillis() + " ms");
            }
            Optional<byte[]> reply;
            try {
                reply = transport.receive(Duration.ofNanos(remaining));
            } catch (IOException e) {
                return reset("no acknowledgement: " + describe(e));
            }
            if (reply.isEmpty()) {
                return reset("no acknowledgement within " + ackTimeout.toMillis() + " ms");
            }
            Optional<Acknowledgment> ack = Acknowledgment.read(reply.get());
            if (ack.isEmpty()) {
                return reset("reply is not an acknowledgement (no MSA segment with a table 0008 code)");
            }
            if (!ack.get().answers(controlId)) {
                return reset(ack.get().code() + " for another message (MSA-2 " + echo(ack.get().controlId())
                        + ", sent MSH-10 " + echo(controlId) + ")");
            }
            switch (kind.dispose(ack.get().code())) {
                case ACCEPTED:
                    return AttemptOutcome.delivered(ack.get().summary());
                case RETRY:
                    // The exchange completed in step, so the connection stays usable.
                    return AttemptOutcome.retry(ack.get().summary());
                case REJECTED:
                    return AttemptOutcome.rejected(ack.get().summary());
                case AWAIT_APPLICATION_ACK:
                    continue;
                default:
                    throw new IllegalStateException("unhandled disposition of " + ack.get().code());
            }
        }
    }

    private AttemptOutcome reset(String reason) {
        transport.disconnect();
        return AttemptOutcome.retry(reason);
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** A control ID from the wire, shortened: a misbehaving receiver decides what MSA-2 holds. */
    private static String echo(String controlId) {
        String shown = controlId.length() > MAX_ECHOED_CONTROL_ID
                ? controlId.substring(0, MAX_ECHOED_CONTROL_ID) + "…" : controlId;
        return "\"" + shown + "\"";
    }
}
