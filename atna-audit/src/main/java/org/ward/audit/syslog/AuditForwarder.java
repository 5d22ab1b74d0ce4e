package org.ward.audit.syslog;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.ward.audit.spool.AuditSpool;
import org.ward.audit.spool.SpoolEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains an {@link AuditSpool} in order to a {@link SyslogTransport}, on one thread of its own.
 *
 * <p>Records are read from the spool's drain position, formatted ({@link Rfc5424Formatter}, with
 * the time they were spooled), written, and acknowledged cumulatively once their write succeeded
 * and the same connection stayed healthy for {@link ForwarderConfig#settle()}. When the connection
 * drops, everything not yet acknowledged is sent again from the drain position on the next
 * connection, and counted in {@link ForwarderStats#resent()}: delivery is at-least-once.
 *
 * <p>Appending to the spool never waits for this thread or the network. The spool and transport
 * belong to the caller, who closes them after {@link #stop(Duration)}.
 */
public final class AuditForwarder implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AuditForwarder.class);
    private static final int READ_BATCH = 256;
    private static final Duration POLL = Duration.ofMillis(100);

    private static final class InFlight {
        final long sequence;
        final CompletableFuture<Void> write;
        volatile long completedAt;

        InFlight(long sequence, CompletableFuture<Void> write) {
            this.sequence = sequence;
            this.write = write;
            write.whenComplete((ok, failure) -> completedAt = System.nanoTime());
        }

        boolean settled(long now, long settleNanos) {
            long done = completedAt;
            return done != 0 && now - done >= settleNanos;
        }
    }

    private final AuditSpool spool;
    private final SyslogTransport transport;
    private final Rfc5424Formatter formatter;
    private final ForwarderConfig config;
    private final Thread thread;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong resent = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    private volatile boolean stopping;
    private volatile long stopDeadline;
    private long highestWritten;

    public AuditForwarder(AuditSpool spool, SyslogTransport transport, Rfc5424Formatter formatter,
                          ForwarderConfig config) {
        this.spool = Objects.requireNonNull(spool, "spool");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.formatter = Objects.requireNonNull(formatter, "formatter");
        this.config = Objects.requireNonNull(config, "config");
        this.thread = new Thread(this::run, "ward-audit-forwarder");
        this.thread.setDaemon(true);
    }

    public void start() {
        transport.start();
        thread.start();
    }

    public ForwarderStats stats() {
        return new ForwarderStats(sent.get(), acknowledged.get(), resent.get(), rejected.get());
    }

    /**
     * Keeps draining until the spool is empty or {@code timeout} passed, then stops the thread.
     *
     * @return whether the spool was empty when the thread stopped
     */
    public boolean stop(Duration timeout) throws InterruptedException {
        stopDeadline = System.nanoTime() + timeout.toNanos();
        stopping = true;
        thread.join(timeout.plus(config.settle()).plusSeconds(2).toMillis());
        if (thread.isAlive()) {
            thread.interrupt();
            thread.join(TimeUnit.SECONDS.toMillis(2));
        }
        long left = spool.pending();
        if (left > 0) {
            log.warn("audit forwarder stopped with {} record(s) still in the spool; they are sent after the"
                    + " next start", left);
        }
        return left == 0;
    }

    /** {@link #stop(Duration)} with 5 s. */
    @Override
    public void close() throws InterruptedException {
        stop(Duration.ofSeconds(5));
    }

    private boolean pastDeadline() {
        return stopping && System.nanoTime() - stopDeadline >= 0;
    }

    private void run() {
        try {
            while (!pastDeadline() && !(stopping && spool.pending() == 0)) {
                long generation = transport.awaitConnected(POLL);
                if (generation >= 0) {
                    drain(generation);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("audit forwarder interrupted; {} record(s) stay in the spool", spool.pending());
        } catch (IOException | RuntimeException e) {
            // Reached only if the spool itself fails; records stay on disk for the next start.
            log.error("audit forwarder stopped: the spool failed; {} record(s) stay in it", spool.pending(), e);
        }
    }

    /** Sends on one connection until it drops or the forwarder stops. */
    private void drain(long generation) throws IOException, InterruptedException {
        ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
        long next = spool.drainPosition();
        long settleNanos = config.settle().toNanos();
        while (true) {
            if (!acknowledgeSettled(inFlight, generation, settleNanos)) {
                return;
            }
            if (pastDeadline() || (stopping && inFlight.isEmpty() && spool.pending() == 0)) {
                return;
            }
            int room = config.maxInFlight() - inFlight.size();
            List<SpoolEntry> batch = room > 0 ? spool.read(next, Math.min(room, READ_BATCH)) : List.of();
            if (batch.isEmpty()) {
                if (inFlight.isEmpty()) {
                    spool.awaitRecord(next, POLL);
                } else {
                    Thread.sleep(Math.max(1, Math.min(50, TimeUnit.NANOSECONDS.toMillis(settleNanos) / 4)));
                }
                continue;
            }
            send(generation, batch, inFlight);
            next = batch.get(batch.size() - 1).sequence() + 1;
        }
    }

    private void send(long generation, List<SpoolEntry> batch, ArrayDeque<InFlight> inFlight) {
        List<SpoolEntry> sendable = new ArrayList<>(batch.size());
        List<byte[]> messages = new ArrayList<>(batch.size());
        for (SpoolEntry entry : batch) {
            try {
                messages.add(formatter.format(entry.appendedAt(), entry.payload()));
                sendable.add(entry);
            } catch (Rfc5424Formatter.MessageTooLongException e) {
                if (!messages.isEmpty()) {
                    write(generation, sendable, messages, inFlight);
                    sendable.clear();
                    messages.clear();
                }
                rejected.incrementAndGet();
                log.error("audit record {} can never be sent and is skipped: {}", entry.sequence(), e.getMessage());
                inFlight.add(new InFlight(entry.sequence(), CompletableFuture.completedFuture(null)));
            }
        }
        if (!messages.isEmpty()) {
            write(generation, sendable, messages, inFlight);
        }
    }

    private void write(long generation, List<SpoolEntry> entries, List<byte[]> messages,
                       ArrayDeque<InFlight> inFlight) {
        List<CompletableFuture<Void>> writes = transport.sendAll(generation, messages);
        for (int i = 0; i < entries.size(); i++) {
            long sequence = entries.get(i).sequence();
            if (sequence <= highestWritten) {
                resent.incrementAndGet();
            }
            highestWritten = Math.max(highestWritten, sequence);
            sent.incrementAndGet();
            inFlight.add(new InFlight(sequence, writes.get(i)));
        }
    }

    /**
     * Acknowledges the settled prefix of {@code inFlight}.
     *
     * @return false if a write failed or the connection is gone: the caller starts over from the
     *     drain position on the next connection
     */
    private boolean acknowledgeSettled(ArrayDeque<InFlight> inFlight, long generation, long settleNanos)
            throws IOException {
        long now = System.nanoTime();
        long last = -1;
        int count = 0;
        boolean healthy = transport.generation() == generation;
        while (healthy && !inFlight.isEmpty()) {
            InFlight head = inFlight.peekFirst();
            if (head.write.isCompletedExceptionally()) {
                log.warn("audit record {} write failed; resending from {} on the next connection", head.sequence,
                        spool.drainPosition() + count);
                healthy = false;
                break;
            }
            if (!head.settled(now, settleNanos)) {
                break;
            }
            inFlight.pollFirst();
            last = head.sequence;
            count++;
        }
        // A record whose write completed but had not settled when the connection dropped is not
        // acknowledged: it goes again on the next connection.
        if (last > 0 && transport.generation() == generation) {
            spool.acknowledge(last);
            acknowledged.addAndGet(count);
        } else if (last > 0) {
            healthy = false;
        }
        return healthy;
    }
}
