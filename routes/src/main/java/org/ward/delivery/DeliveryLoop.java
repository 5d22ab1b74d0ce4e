package org.ward.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread of one destination's worker, whatever the destination is: it reads the oldest
 * undelivered messages from the queue (up to a batch at a time), hands them one after the other to
 * the worker's {@link Delivery}, and records what came of each through {@link #delivered},
 * {@link #retry} or {@link #deadLetter}, which also tell the {@link DeliveryListener} and space
 * failures by {@link Backoff}. What one delivery is (an MLLP exchange, a file, a Camel route) stays
 * with the worker; order, back-off, records, wake-ups and stopping live here once.
 *
 * <h2>Batches</h2>
 * Reading ahead costs no order: a message is handed over only after the one before it was delivered
 * or dead-lettered; when one is to be retried (or its attempt was abandoned), the rest of the batch
 * is dropped and read again after the back-off, starting with that message. Deliveries are recorded
 * together: their listener call (the Export records, made durable together) comes first, then one
 * {@link DeliveryQueue#delivered(List)} marks them all, at the end of the batch, before any retry or
 * dead letter, when {@link #batchSize} are waiting, or when the oldest has waited
 * {@link #MAX_MARK_DELAY}. A crash before the mark sends those messages again (at least once).
 */
final class DeliveryLoop {

    /** How often an idle worker looks at its queue when nobody calls {@link #wake}. */
    static final Duration IDLE_POLL = Duration.ofSeconds(1);

    /** Messages read ahead, and deliveries recorded together, unless the destination says otherwise. */
    public static final int DEFAULT_BATCH_SIZE = 100;

    /** The most a batch may hold; larger batches save nothing more and keep more unrecorded deliveries. */
    public static final int MAX_BATCH_SIZE = 1000;

    /**
     * The longest a delivery waits for its record, so that behind a slow destination (one message a
     * second, say) delivered messages do not stay unmarked for a whole batch's time.
     */
    static final Duration MAX_MARK_DELAY = Duration.ofMillis(100);

    /** What the {@link Delivery} recorded for the message in hand. */
    private enum Recorded { NOTHING, DELIVERED, DEAD_LETTERED, RETRY }

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
    private final int batchSize;
    private final BlockingQueue<Boolean> wakeups = new ArrayBlockingQueue<>(1);
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean stopping;
    /** Failed attempts in a row to this destination, across messages; only the loop's thread touches it. */
    private int consecutiveFailures;
    /** Deliveries not yet recorded, in order; only the loop's thread touches them. */
    private final List<DeliveryEvent> unrecorded = new ArrayList<>();
    private long firstUnrecordedAt;
    private Recorded recorded = Recorded.NOTHING;

    /**
     * @param description what the destination is, for the log ({@code "directory /srv/out"})
     * @param onExit      runs on the loop's thread as it ends, e.g. to close a connection
     */
    DeliveryLoop(Logger log, String destination, String description, DeliveryQueue queue, DeliveryListener listener,
                 Backoff backoff, Clock clock, Delivery delivery, Runnable onExit) {
        this(log, destination, description, queue, listener, backoff, clock, delivery, onExit, DEFAULT_BATCH_SIZE);
    }

    /** @param batchSize messages read ahead and deliveries recorded together, 1 to {@link #MAX_BATCH_SIZE} */
    DeliveryLoop(Logger log, String destination, String description, DeliveryQueue queue, DeliveryListener listener,
                 Backoff backoff, Clock clock, Delivery delivery, Runnable onExit, int batchSize) {
        this.batchSize = checkBatchSize(batchSize);
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

    /** {@code batchSize} if it lies between 1 and {@link #MAX_BATCH_SIZE}. */
    static int checkBatchSize(int batchSize) {
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("batch size must be 1 to " + MAX_BATCH_SIZE + ": " + batchSize);
        }
        return batchSize;
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
                    List<QueuedMessage> batch = queue.next(destination, batchSize);
                    if (batch.isEmpty()) {
                        idle();
                        continue;
                    }
                    for (QueuedMessage message : batch) {
                        recorded = Recorded.NOTHING;
                        delivery.deliver(message, message.attempts() + 1);
                        // Retried or abandoned, the message stays first in line: what was read after it waits.
                        if (stopping || (recorded != Recorded.DELIVERED && recorded != Recorded.DEAD_LETTERED)) {
                            break;
                        }
                    }
                    recordDelivered();
                } catch (RuntimeException e) {
                    // The queue (the journal) failed: what it did not record is read again, in order, and
                    // deliveries not marked yet are sent again (at least once).
                    unrecorded.clear();
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

    /**
     * The destination took the message: it leaves the queue, recorded with the deliveries around it
     * (see Batches above), after the listener was told.
     */
    void delivered(QueuedMessage message, int attempt, String reason) {
        recorded = Recorded.DELIVERED;
        Instant at = clock.instant();
        if (consecutiveFailures > 0) {
            log.info("destination {}: delivering again after {} failed attempts", destination, consecutiveFailures);
        }
        consecutiveFailures = 0;
        if (log.isDebugEnabled()) {
            log.debug("destination {}: message {} (MSH-10 {}) delivered, {}", destination, message.id(),
                    message.controlId(), reason);
        }
        if (unrecorded.isEmpty()) {
            firstUnrecordedAt = System.nanoTime();
        }
        unrecorded.add(event(message, attempt, at, reason));
        if (unrecorded.size() >= batchSize || System.nanoTime() - firstUnrecordedAt >= MAX_MARK_DELAY.toNanos()) {
            recordDelivered();
        }
    }

    /**
     * Tells the listener of the deliveries not recorded yet (their Export records), then marks them
     * delivered in the queue, all together. A failure of either propagates and the messages stay
     * pending: nothing is marked delivered that the listener did not take.
     */
    private void recordDelivered() {
        if (unrecorded.isEmpty()) {
            return;
        }
        List<DeliveryEvent> events = List.copyOf(unrecorded);
        unrecorded.clear();
        try {
            listener.delivered(events);
        } catch (RuntimeException e) {
            log.error("destination {}: delivery listener failed; {} deliveries are not recorded and will be sent"
                    + " again", destination, events.size(), e);
            throw e;
        }
        queue.delivered(events);
    }

    /** The destination rejected the message: it is set aside and never sent again. */
    void deadLetter(QueuedMessage message, int attempt, String reason) {
        recordDelivered();
        recorded = Recorded.DEAD_LETTERED;
        Instant at = clock.instant();
        queue.deadLetter(destination, message.id(), reason);
        consecutiveFailures = 0;
        log.warn("destination {}: message {} (MSH-10 {}) dead-lettered after attempt {}: {}", destination,
                message.id(), message.controlId(), attempt, reason);
        notify(l -> l.deadLettered(event(message, attempt, at, reason)));
    }

    /** The attempt failed: the message stays first in line, and the loop waits out the back-off before the next. */
    void retry(QueuedMessage message, int attempt, String reason) {
        recordDelivered();
        recorded = Recorded.RETRY;
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
