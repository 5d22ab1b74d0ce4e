package org.ward.bench;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.ward.mllp.MllpClient;

/**
 * One load run: {@code connections} threads, each on its own MLLP connection, send messages one at
 * a time and wait for each ACK. Closed loop (rate 0): the next message goes when the ACK arrives.
 * Open loop: each connection has a schedule (rate / connections per second) and a message's
 * latency counts from when it was due, not when it could be sent, so a stalled server is not
 * hidden by the load generator waiting for it (coordinated omission, Gil Tene).
 */
final class LoadRun {

    /** Opens one connection of the run. */
    @FunctionalInterface
    interface Connector {
        MllpClient connect() throws IOException;
    }

    /** Makes the payload of message {@code sequence} with MSH-10 {@code controlId}. */
    @FunctionalInterface
    interface Messages {
        String message(String controlId, long sequence);
    }

    private final Connector connector;
    private final Messages messages;
    private final int connections;
    private final double rate;
    private final Duration warmup;
    private final Duration duration;
    private final Recorder recorder = new Recorder(3_600_000_000L, 3);
    private final Histogram total = new Histogram(3_600_000_000L, 3);
    private final LongAdder completed = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private volatile boolean measuring;
    private volatile boolean stopping;

    LoadRun(Connector connector, Messages messages, int connections, double rate, Duration warmup, Duration duration) {
        this.connector = connector;
        this.messages = messages;
        this.connections = connections;
        this.rate = rate;
        this.warmup = warmup;
        this.duration = duration;
    }

    /**
     * Runs warm-up and measurement; calls {@code progress} about once a second with a line to show.
     */
    BenchResult run(Consumer<String> progress) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            int connection = c;
            Thread thread = new Thread(() -> drive(connection, start), "ward-bench-" + c);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        sleepUntil(start + warmup.toNanos(), start, "warm-up", progress);
        recorder.getIntervalHistogram(); // forget the warm-up
        long measured = completed.sum();
        errors.clear();
        measuring = true;
        long from = System.nanoTime();
        sleepUntil(from + duration.toNanos(), from, "measuring", progress);
        measuring = false;
        long seconds = System.nanoTime() - from;
        total.add(recorder.getIntervalHistogram());
        long done = completed.sum() - measured;
        stopping = true;
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        Map<String, Long> errorCounts = new java.util.TreeMap<>();
        errors.forEach((kind, n) -> errorCounts.put(kind, n.sum()));
        return new BenchResult(connections, rate, Duration.ofNanos(seconds), done, total.copy(), errorCounts);
    }

    private void sleepUntil(long deadline, long since, String phase, Consumer<String> progress) throws InterruptedException {
        long lastCount = completed.sum();
        long last = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Thread.sleep(Math.min(1000, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            long now = System.nanoTime();
            long count = completed.sum();
            double perSecond = (count - lastCount) * 1e9 / Math.max(1, now - last);
            int errorCount = errors.values().stream().mapToInt(LongAdder::intValue).sum();
            progress.accept(String.format("%s %3d s  %8.0f msg/s  errors %d", phase, (now - since) / 1_000_000_000L,
                    perSecond, errorCount));
            lastCount = count;
            last = now;
        }
    }

    private void drive(int connection, long start) {
        double interval = rate > 0 ? connections * 1e9 / rate : 0;
        long due = start;
        MllpClient client = null;
        while (!stopping) {
            try {
                if (client == null) {
                    client = connector.connect();
                }
                if (interval > 0) {
                    due += (long) interval;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                }
                long n = sequence.incrementAndGet();
                String controlId = "B" + connection + "-" + n;
                byte[] payload = messages.message(controlId, n).getBytes(StandardCharsets.ISO_8859_1);
                long sent = interval > 0 ? due : System.nanoTime();
                byte[] ack = client.exchange(payload);
                long latency = System.nanoTime() - sent;
                String code = ackCode(ack, controlId);
                if (code.equals("AA") || code.equals("CA")) {
                    if (measuring) {
                        recorder.recordValue(Math.min(latency / 1000, 3_600_000_000L));
                    }
                    completed.increment();
                } else {
                    error(code);
                }
            } catch (SocketTimeoutException e) {
                error("ack timeout");
                client = close(client);
            } catch (IOException e) {
                error("connection: " + e.getClass().getSimpleName());
                client = close(client);
                LockSupport.parkNanos(100_000_000L);
            } catch (RuntimeException e) {
                error("internal: " + e.getClass().getSimpleName());
            }
        }
        close(client);
    }

    /** MSA-1, or a description of what is wrong with the ACK. */
    static String ackCode(byte[] ack, String controlId) {
        String text = new String(ack, StandardCharsets.ISO_8859_1);
        int msa = text.indexOf("MSA|");
        if (msa < 0) {
            return "no MSA";
        }
        int end = text.indexOf('\r', msa);
        String[] fields = text.substring(msa, end < 0 ? text.length() : end).split("\\|", -1);
        if (fields.length < 3 || !fields[2].equals(controlId)) {
            return "wrong MSA-2";
        }
        return fields[1];
    }

    private void error(String kind) {
        if (measuring) {
            errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
        }
    }

    private static MllpClient close(MllpClient client) {
        if (client != null) {
            try {
                client.close();
            } catch (IOException e) {
                // the connection is being dropped anyway
            }
        }
        return null;
    }
}
