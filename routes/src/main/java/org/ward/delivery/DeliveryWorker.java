package org.ward.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ward.hl7.MessageHeader;

/**
 * Delivers one destination's queue strictly in order, one message at a time, on its own thread.
 *
 * <p>Each message is sent as journalled (Ward sets nothing in it; MSH-10 is unchanged) until the
 * destination acknowledges it (marked delivered) or rejects it (dead-lettered); while it fails it
 * stays first in line and the sends are spaced by {@link Backoff}. Delivery is at least once: when an
 * acknowledgement is lost (timeout, broken connection, a stop mid-exchange, a crash before the queue
 * records it), the message is sent again, so the receiver can see the same MSH-10 twice and should
 * treat MSH-10 as its de-duplication key.
 */
public final class DeliveryWorker implements DestinationWorker {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);

    private final DestinationTransport transport;
    private final AckExchange exchange;
    private final Duration defaultGrace;
    private final DeliveryLoop loop;

    public DeliveryWorker(DestinationConfig config, DestinationTransport transport, DeliveryQueue queue,
                          DeliveryListener listener, Clock clock) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.exchange = new AckExchange(transport, config.ackKind(), config.ackTimeout());
        this.defaultGrace = config.ackTimeout().plusSeconds(1);
        this.loop = new DeliveryLoop(LOG, config.name(), "MLLP receiver " + config.host() + ":" + config.port(), queue,
                listener, config.backoff(), clock, this::deliver, transport::close, config.batchSize());
    }

    /** A worker over MLLP/TLS to {@code config}'s receiver; fails now if its TLS material cannot be loaded. */
    public static DeliveryWorker create(DestinationConfig config, DeliveryQueue queue, DeliveryListener listener)
            throws IOException, GeneralSecurityException {
        return new DeliveryWorker(config, MllpDestination.open(config), queue, listener, Clock.systemUTC());
    }

    @Override
    public String destination() {
        return loop.destination();
    }

    /** Starts the worker thread; once only. */
    @Override
    public void start() {
        loop.start();
    }

    /** Says a message was queued, so an idle worker looks now rather than at its next poll. */
    @Override
    public void wake() {
        loop.wake();
    }

    /**
     * Stops after the exchange in flight, waiting up to {@code grace} for its acknowledgement. Past
     * that the exchange is abandoned (the connection dropped, nothing recorded), and the message will
     * be sent again by the next worker.
     *
     * @return whether the worker thread has ended
     */
    @Override
    public boolean stop(Duration grace) {
        loop.requestStop();
        if (!loop.isAlive()) {
            transport.close();
            return true;
        }
        try {
            if (!loop.awaitEnd(grace)) {
                LOG.info("destination {}: abandoning the exchange in flight to stop", destination());
                transport.close();
                loop.awaitEnd(grace.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : grace);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            transport.close();
        }
        if (loop.isAlive()) {
            LOG.error("destination {}: delivery thread did not stop", destination());
            return false;
        }
        return true;
    }

    /** {@link #stop} with a grace of the ack timeout plus one second. */
    @Override
    public void close() {
        stop(defaultGrace);
    }

    private void deliver(QueuedMessage message, int attempt) {
        Optional<String> unmatchable = unmatchable(message);
        if (unmatchable.isPresent()) {
            loop.deadLetter(message, attempt, unmatchable.get());
            return;
        }
        AttemptOutcome outcome = exchange.attempt(message.payload(), message.controlId());
        if (loop.stopping() && outcome.result() == AttemptOutcome.Result.RETRY) {
            // Most likely our own stop broke the exchange: not the destination's failure, so not recorded.
            LOG.info("destination {}: message {} (MSH-10 {}) abandoned by stop ({}); it stays first in line",
                    destination(), message.id(), message.controlId(), outcome.reason());
            return;
        }
        switch (outcome.result()) {
            case DELIVERED -> loop.delivered(message, attempt, outcome.reason());
            case REJECTED -> loop.deadLetter(message, attempt, outcome.reason());
            case RETRY -> loop.retry(message, attempt, outcome.reason());
            default -> throw new IllegalStateException("unhandled outcome " + outcome.result());
        }
    }

    /** Why no acknowledgement could ever be matched to {@code message}, if so (HL7 v2.6 §2.14.1: MSA-2 = MSH-10). */
    private static Optional<String> unmatchable(QueuedMessage message) {
        Optional<MessageHeader> header = MessageHeader.read(new String(message.payload(), StandardCharsets.ISO_8859_1));
        if (header.isEmpty()) {
            return Optional.of("not sent: the message does not start with an MSH segment");
        }
        if (header.get().controlId().isEmpty()) {
            return Optional.of("not sent: MSH-10 is empty, so no acknowledgement could be matched to it");
        }
        if (!header.get().controlId().equals(message.controlId())) {
            return Optional.of("not sent: MSH-10 differs from the control ID the queue holds for it");
        }
        return Optional.empty();
    }
}
