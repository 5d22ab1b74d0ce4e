package org.ward.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ward.config.ListenerConfig;
import org.ward.tls.LiveConnections;

/**
 * The engine's periodic work on one daemon thread. Chiefly re-checking the certificates of open
 * connections: every {@code revocation-recheck}, and within about a second of a listener's CRL
 * files changing, so a certificate revoked after its handshake loses its connection promptly
 * (IHE ITI-19: revocation must take effect). Also any task given to {@link #every}.
 */
final class Housekeeping implements AutoCloseable {

    /** How often CRL files are looked at for changes. */
    static final Duration CRL_WATCH = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);

    private record Watched(ListenerConfig listener, LiveConnections connections) {
    }

    private final List<Watched> watched = new ArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "ward-housekeeping");
        thread.setDaemon(true);
        return thread;
    });

    /** A task that may throw, run on the same thread. */
    @FunctionalInterface
    interface Task {
        void run() throws Exception;
    }

    /** Also runs {@code task} every {@code period} (first after one period). */
    void every(Duration period, String name, Task task) {
        every(period, period, name, task);
    }

    /** Also runs {@code task} after {@code first}, then every {@code period}. */
    void every(Duration first, Duration period, String name, Task task) {
        scheduler.scheduleAtFixedRate(() -> {
            try {
                task.run();
            } catch (Exception e) {
                LOG.error("{} failed", name, e);
            }
        }, first.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    void watch(ListenerConfig listener, LiveConnections connections) {
        watched.add(new Watched(listener, connections));
    }

    void start() {
        for (Watched w : watched) {
            long period = w.listener().tls().revocationRecheck().toMillis();
            scheduler.scheduleAtFixedRate(() -> recheck(w, "periodic re-check"), period, period, TimeUnit.MILLISECONDS);
            long[] generation = {w.connections().verifier().crlGeneration()};
            scheduler.scheduleWithFixedDelay(() -> {
                long now = w.connections().verifier().crlGeneration();
                if (now != generation[0]) {
                    generation[0] = now;
                    recheck(w, "CRL changed");
                }
            }, CRL_WATCH.toMillis(), CRL_WATCH.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static void recheck(Watched w, String why) {
        try {
            int closed = w.connections().recheck();
            if (closed > 0) {
                LOG.warn("[{}] {}: closed {} connection(s) whose certificate no longer authenticates",
                        w.listener().name(), why, closed);
            }
        } catch (RuntimeException e) {
            // Keep the schedule alive: a failed re-check must not end all future ones.
            LOG.error("[{}] {} failed", w.listener().name(), why, e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
