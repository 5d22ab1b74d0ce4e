package org.ward.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one destination's queue in order by handing each message, on the worker's thread, to a
 * {@link Receiver} inside Ward (a Camel route, for {@code camel} destinations) and waiting for its
 * answer. The answer decides, as an acknowledgement does for MLLP: delivered, tried again later (the
 * message stays first in line, spaced by {@link Backoff}), or dead-lettered. A receiver that throws
 * counts as a failed attempt; the journal and the log then name only the exception's class, since
 * its message may quote the HL7 content.
 */
public final class HandOffWorker implements DestinationWorker {

    private static final Logger LOG = LoggerFactory.getLogger(HandOffWorker.class);

    /** Takes one message synchronously and says what became of it; {@link AttemptOutcome#reason} must carry no PHI. */
    @FunctionalInterface
    public interface Receiver {
        AttemptOutcome receive(QueuedMessage message, int attempt);
    }

    private final Receiver receiver;
    private final DeliveryLoop loop;

    /** @param description what receives the messages, for the log ({@code "Camel route from ward:alarms"}) */
    public HandOffWorker(String destination, String description, Receiver receiver, DeliveryQueue queue,
                         DeliveryListener listener, Backoff backoff, Clock clock) {
        this.receiver = Objects.requireNonNull(receiver, "receiver");
        this.loop = new DeliveryLoop(LOG, destination, description, queue, listener, backoff, clock, this::deliver,
                () -> { });
    }

    @Override
    public String destination() {
        return loop.destination();
    }

    @Override
    public void start() {
        loop.start();
    }

    @Override
    public void wake() {
        loop.wake();
    }

    /** Stops after the message in hand; a receiver still busy after {@code grace} is left to finish on its own. */
    @Override
    public boolean stop(Duration grace) {
        return loop.stop(grace);
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(5));
    }

    private void deliver(QueuedMessage message, int attempt) {
        AttemptOutcome outcome;
        try {
            outcome = Objects.requireNonNull(receiver.receive(message, attempt), "receiver outcome");
        } catch (RuntimeException e) {
            LOG.debug("destination {}: message {} failed in the receiver", destination(), message.id(), e);
            outcome = AttemptOutcome.retry("failed: " + e.getClass().getName());
        }
        switch (outcome.result()) {
            case DELIVERED -> loop.delivered(message, attempt, outcome.reason());
            case REJECTED -> loop.deadLetter(message, attempt, outcome.reason());
            case RETRY -> loop.retry(message, attempt, outcome.reason());
            default -> throw new IllegalStateException("unhandled outcome " + outcome.result());
        }
    }
}
