package org.ward.delivery;

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

/**
 * The thread of one destination's worker, whatever the destination is: it takes the oldest
 * undelivered message from the queue, hands it to the worker's {@link Delivery}, and records what
 * came of it through {@link #delivered}, {@link #retry} or {@link #deadLetter}, which also tell the
 * {@link DeliveryListener} and space failures by {@link Backoff}. What one delivery is (an MLLP
 * exchange, a file, a Camel route) stays with the worker; order, back-off, records, wake-ups and
 * stopping live here once.
 */
final class DeliveryLoop {

    /** How often an idle worker looks at its queue when nobody calls {@link #wake}. */
    static final Duration IDLE_POLL = Duration.ofSeconds(1);

    /** Delivers one message, then calls exactly one of the loop's outcome methods (or none, to leave it unrecorded). */
    @FunctionalInterface
    interface Delivery {
        /** @param attempt which send of this message to this destination it is, from 1 */
        void deliver(QueuedMessage message, int attempt);
    }

    private final Logger log;
    private final String destination;
    private final String description;
    private final DeliveryQueue queue;
    private final DeliveryListener listener;
    private final Backoff backoff;
    private final Clock clock;
    private final Delivery delivery;
    private final Runnable onExit;
    private final BlockingQueue<Boolean> wakeups = new ArrayBlockingQueue<>(1);
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean stopping;
    /** Failed attempts in a row to this destination, across messages; only the loop's thread touches it. */
    private int consecutiveFailures;

    /**
     * @param description what the destination is, for the log ({@code "directory /srv/out"})
     * @param onExit      runs on the loop's thread as it ends, e.g. to close a connection
     */
    DeliveryLoop(Logger log, String destination, String description, DeliveryQueue queue, DeliveryListener listener,
                 Backoff backoff, Clock clock, Delivery delivery, Runnable onExit) {
        this.log = Objects.requireNonNull(log, "log");
        this.destination = Objects.requireNonNull(destination, "destination");
        this.description = Objects.requireNonNull(description, "description");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.delivery = Objects.requireNonNull(delivery, "delivery");
        this.onExit = Objects.requireNonNull(onExit, "onExit");
        this.thread = new Thread(this::run, "ward-delivery-" + destination);
        // The queue keeps every undelivered message, so an exit mid-delivery loses nothing.
        this.thread.setDaemon(true);
        this.thread.setUncaughtExceptionHandler((t, e) ->
                log.error("destination {}: delivery stopped by an unexpected error", destination, e));
    }

    String destination() {
        return destination;
    }

    Clock clock() {
        return clock;
    }

    /** Starts the thread; once only. */
    void start() {
        thread.start();
    }

    /** Says a message was queued, so an idle loop looks now rather than at its next poll. */
    void wake() {
        wakeups.offer(Boolean.TRUE);
    }

    /** Whether a stop was asked for; a delivery in hand may use it to tell its own failure from the stop's. */
    boolean stopping() {
        return stopping;
    }

    /** Asks the thread to stop after the message in hand, and cuts short an idle wait or a back-off; returns at once. */
    void requestStop() {
        stopping = true;
        stopRequested.countDown();
        wakeups.offer(Boolean.TRUE);
    }

    boolean isAlive() {
        return thread.isAlive();
    }

    /**
     * Waits up to {@code grace} for the thread to end.
     *
     * @return whether it has ended
     * @throws InterruptedException when the caller is interrupted while waiting
     */
    boolean awaitEnd(Duration grace) throws InterruptedException {
        thread.join(Math.max(1, grace.toMillis()));
        return !thread.isAlive();
    }

    /** {@link #requestStop()}, then {@link #awaitEnd}; logs a thread that did not end. */
    boolean stop(Duration grace) {
        requestStop();
        try {
            awaitEnd(grace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.error("destination {}: delivery thread did not stop", destination);
            return false;
        }
        return true;
    }

    private void run() {
        log.info("destination {}: delivery to {} started", destination, description);
        try {
            while (!stopping) {
                try {
                    Optional<QueuedMessage> next = queue.next(destination);
                    if (next.isPresent()) {
                        delivery.deliver(next.get(), next.get().attempts() + 1);
                    } else {
                        idle();
                    }
                } catch (RuntimeException e) {
                    // The queue (the journal) failed: nothing was recorded, so the same message comes next.
                    consecutiveFailures++;
                    Duration delay = backoff.delay(consecutiveFailures);
                    log.error("destination {}: delivery queue failed, trying again in {} ms", destination,
                            delay.toMillis(), e);
                    pause(delay);
                }
            }
        } finally {
            onExit.run();
            log.info("destination {}: delivery stopped", destination);
        }
    }

    /** The destination took the message: it leaves the queue. */
    void delivered(QueuedMessage message, int attempt, String reason) {
        Instant at = clock.instant();
        queue.delivered(destination, message.id(), at);
        if (consecutiveFailures > 0) {
            log.info("destination {}: delivering again after {} failed attempts", destination, consecutiveFailures);
        }
        consecutiveFailures = 0;
        log.debug("destination {}: message {} (MSH-10 {}) delivered, {}", destination, message.id(),
                message.controlId(), reason);
        notify(l -> l.delivered(event(message, attempt, at, reason)));
    }

    /** The destination rejected the message: it is set aside and never sent again. */
    void deadLetter(QueuedMessage message, int attempt, String reason) {
        Instant at = clock.instant();
        queue.deadLetter(destination, message.id(), reason);
        consecutiveFailures = 0;
        log.warn("destination {}: message {} (MSH-10 {}) dead-lettered after attempt {}: {}", destination,
                message.id(), message.controlId(), attempt, reason);
        notify(l -> l.deadLettered(event(message, attempt, at, reason)));
    }

    /** The attempt failed: the message stays first in line, and the loop waits out the back-off before the next. */
    void retry(QueuedMessage message, int attempt, String reason) {
        consecutiveFailures++;
        Duration delay = backoff.delay(consecutiveFailures);
        Instant at = clock.instant();
        Instant notBefore = at.plus(delay);
        queue.retryLater(destination, message.id(), reason, notBefore);
        String text = "destination {}: message {} (MSH-10 {}) attempt {} failed: {}; trying again in {} ms";
        Object[] arguments = {destination, message.id(), message.controlId(), attempt, reason, delay.toMillis()};
        // A destination down for hours fails every few seconds: warn on the first and every tenth only.
        if (consecutiveFailures == 1 || consecutiveFailures % 10 == 0) {
            log.warn(text, arguments);
        } else {
            log.info(text, arguments);
        }
        notify(l -> l.retrying(event(message, attempt, at, reason), notBefore));
        pause(delay);
    }

    private DeliveryEvent event(QueuedMessage message, int attempt, Instant at, String reason) {
        return new DeliveryEvent(destination, message.id(), message.controlId(), attempt, at, reason);
    }

    private void notify(Consumer<DeliveryListener> call) {
        try {
            call.accept(listener);
        } catch (RuntimeException e) {
            // Audit and alerts are side channels: they never hold up delivery, but their failure shows.
            log.error("destination {}: delivery listener failed", destination, e);
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
