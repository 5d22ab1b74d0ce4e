package org.ward.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
    /** How often an idle worker looks at its queue when nobody calls {@link #wake}. */
    private static final Duration IDLE_POLL = Duration.ofSeconds(1);

    private final String destination;
    private final DeliveryQueue queue;
    private final DestinationTransport transport;
    private final AckExchange exchange;
    private final Backoff backoff;
    private final DeliveryListener listener;
    private final Clock clock;
    private final Duration defaultGrace;
    private final BlockingQueue<Boolean> wakeups = new ArrayBlockingQueue<>(1);
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean stopping;
    /** Failed sends in a row to this destination, across messages; only the worker thread touches it. */
    private int consecutiveFailures;

    public DeliveryWorker(DestinationConfig config, DestinationTransport transport, DeliveryQueue queue,
                          DeliveryListener listener, Clock clock) {
        this.destination = config.name();
        this.queue = Objects.requireNonNull(queue, "queue");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.exchange = new AckExchange(transport, config.ackKind(), config.ackTimeout());
        this.backoff = config.backoff();
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.defaultGrace = config.ackTimeout().plusSeconds(1);
        this.thread = new Thread(this::run, "ward-delivery-" + destination);
        // The queue keeps every undelivered message, so an exit mid-exchange loses nothing.
        this.thread.setDaemon(true);
        this.thread.setUncaughtExceptionHandler((t, e) ->
                LOG.error("destination {}: delivery stopped by an unexpected error", destination, e));
    }

    /** A worker over MLLP/TLS to {@code config}'s receiver; fails now if its TLS material cannot be loaded. */
    public static DeliveryWorker create(DestinationConfig config, DeliveryQueue queue, DeliveryListener listener)
            throws IOException, GeneralSecurityException {
        return new DeliveryWorker(config, MllpDestination.open(config), queue, listener, Clock.systemUTC());
    }

    @Override
    public String destination() {
        return destination;
    }

    /** Starts the worker thread; once only. */
    @Override
    public void start() {
        thread.start();
    }

    /** Says a message was queued, so an idle worker looks now rather than at its next poll. */
    @Override
    public void wake() {
        wakeups.offer(Boolean.TRUE);
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
        stopping = true;
        stopRequested.countDown();
        wakeups.offer(Boolean.TRUE);
        if (!thread.isAlive()) {
            transport.close();
            return true;
        }
        try {
            thread.join(Math.max(1, grace.toMillis()));
            if (thread.isAlive()) {
                LOG.info("destination {}: abandoning the exchange in flight to stop", destination);
                transport.close();
                thread.join(Math.max(1000, grace.toMillis()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            transport.close();
        }
        if (thread.isAlive()) {
            LOG.error("destination {}: delivery thread did not stop", destination);
            return false;
        }
        return true;
    }

    /** {@link #stop} with a grace of the ack timeout plus one second. */
    @Override
    public void close() {
        stop(defaultGrace);
    }

    private void run() {
        LOG.info("destination {}: delivery started", destination);
        try {
            while (!stopping) {
                try {
                    Optional<QueuedMessage> next = queue.next(destination);
                    if (next.isPresent()) {
                        deliver(next.get());
                    } else {
                        idle();
                    }
                } catch (RuntimeException e) {
                    // The queue (the journal) failed: nothing was recorded, so the same message comes next.
                    consecutiveFailures++;
                    Duration delay = backoff.delay(consecutiveFailures);
                    LOG.error("destination {}: delivery queue failed, trying again in {} ms", destination,
                            delay.toMillis(), e);
                    pause(delay);
                }
            }
        } finally {
            transport.close();
            LOG.info("destination {}: delivery stopped", destination);
        }
    }

    private void deliver(QueuedMessage message) {
        int attempt = message.attempts() + 1;
        Optional<String> unmatchable = unmatchable(message);
        if (unmatchable.isPresent()) {
            deadLetter(message, attempt, unmatchable.get());
            return;
        }
        AttemptOutcome outcome = exchange.attempt(message.payload(), message.controlId());
        if (stopping && outcome.result() == AttemptOutcome.Result.RETRY) {
            // Most likely our own stop broke the exchange: not the destination's failure, so not recorded.
            LOG.info("destination {}: message {} (MSH-10 {}) abandoned by stop ({}); it stays first in line",
                    destination, message.id(), message.controlId(), outcome.reason());
            return;
        }
        switch (outcome.result()) {
            case DELIVERED -> delivered(message, attempt, outcome.reason());
            case REJECTED -> deadLetter(message, attempt, outcome.reason());
            case RETRY -> retry(message, attempt, outcome.reason());
            default -> throw new IllegalStateException("unhandled outcome " + outcome.result());
        }
    }

    private void delivered(QueuedMessage message, int attempt, String reason) {
        Instant at = clock.instant();
        queue.delivered(destination, message.id(), at);
        if (consecutiveFailures > 0) {
            LOG.info("destination {}: delivering again after {} failed sends", destination, consecutiveFailures);
        }
        consecutiveFailures = 0;
        LOG.debug("destination {}: message {} (MSH-10 {}) delivered, {}", destination, message.id(),
                message.controlId(), reason);
        notify(l -> l.delivered(event(message, attempt, at, reason)));
    }

    private void deadLetter(QueuedMessage message, int attempt, String reason) {
        Instant at = clock.instant();
        queue.deadLetter(destination, message.id(), reason);
        consecutiveFailures = 0;
        LOG.warn("destination {}: message {} (MSH-10 {}) dead-lettered after attempt {}: {}", destination,
                message.id(), message.controlId(), attempt, reason);
        notify(l -> l.deadLettered(event(message, attempt, at, reason)));
    }

    private void retry(QueuedMessage message, int attempt, String reason) {
        consecutiveFailures++;
        Duration delay = backoff.delay(consecutiveFailures);
        Instant at = clock.instant();
        Instant notBefore = at.plus(delay);
        queue.retryLater(destination, message.id(), reason, notBefore);
        String text = "destination {}: message {} (MSH-10 {}) attempt {} failed: {}; sending it again in {} ms";
        Object[] arguments = {destination, message.id(), message.controlId(), attempt, reason, delay.toMillis()};
        if (consecutiveFailures == 1 || consecutiveFailures % 10 == 0) {
            LOG.warn(text, arguments);
        } else {
            LOG.info(text, arguments);
        }
        notify(l -> l.retrying(event(message, attempt, at, reason), notBefore));
        pause(delay);
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

    private DeliveryEvent event(QueuedMessage message, int attempt, Instant at, String reason) {
        return new DeliveryEvent(destination, message.id(), message.controlId(), attempt, at, reason);
    }

    private void notify(Consumer<DeliveryListener> call) {
        try {
            call.accept(listener);
        } catch (RuntimeException e) {
            // Audit and alerts are side channels: they never hold up delivery, but their failure shows.
            LOG.error("destination {}: delivery listener failed", destination, e);
        }
    }

    private void idle() {
        try {
            wakeups.poll(IDLE_POLL.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            stopping = true;
            Thread.currentThread().interrupt();
        }
    }

    private void pause(Duration delay) {
        try {
            stopRequested.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            stopping = true;
            Thread.currentThread().interrupt();
        }
    }
}
