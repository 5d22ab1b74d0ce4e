package org.ward.store;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forces committed batches to disk on a thread and a connection of its own, for a database whose
 * COMMIT does not (H2: {@link Dialect#syncAfterCommitSql()}). The committer hands over each batch
 * as soon as it is committed and goes on to write the next one while the disk flushes. One sync
 * covers every batch handed over before it began, and only then are that batch's appends complete:
 * an AA still leaves only once its message is on disk. A failed sync fails the appends it was to
 * cover, as a failed commit does.
 */
final class DiskSync implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DiskSync.class);
    private static final long IDLE_POLL_MILLIS = 50;

    /** A committed batch: its appends and, in the same order, their journal entries. */
    private record Committed(List<PendingAppend> appends, List<JournalEntry> entries) {
    }

    private final KeptConnection connection;
    private final String syncSql;
    private final int timeoutSeconds;
    private final BlockingQueue<Committed> queue = new LinkedBlockingQueue<>();
    private final FailurePeriod failures = new FailurePeriod();
    private final LongAdder syncs = new LongAdder();
    private final Thread thread;
    private volatile boolean closing;

    DiskSync(ConnectionFactory connections, String syncSql, int timeoutSeconds) {
        this.connection = new KeptConnection(connections, false, "journal sync");
        this.syncSql = syncSql;
        this.timeoutSeconds = timeoutSeconds;
        this.thread = new Thread(this::run, "ward-journal-sync");
        thread.setDaemon(true);
        thread.start();
    }

    /** Completes {@code appends} with {@code entries} once a sync that begins after this call has ended. */
    void submit(List<PendingAppend> appends, List<JournalEntry> entries) {
        queue.add(new Committed(appends, entries));
    }

    /** Syncs so far: committed transactions per sync shows how much one flush covers. */
    long syncs() {
        return syncs.sum();
    }

    private void run() {
        try {
            while (true) {
                Committed first = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closing && queue.isEmpty()) {
                        return;
                    }
                    continue;
                }
                List<Committed> covered = new ArrayList<>();
                covered.add(first);
                queue.drainTo(covered);
                sync(covered);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(drain(), new JournalException("not known to be on disk: the journal sync was interrupted"));
        }
    }

    private void sync(List<Committed> covered) {
        int appends = covered.stream().mapToInt(c -> c.appends().size()).sum();
        try {
            forceToDisk();
        } catch (JournalException e) {
            failures.failed(e.getMessage(), appends);
            fail(covered, new JournalException("committed but not known to be on disk: " + e.getMessage()));
            return;
        }
        syncs.increment();
        failures.succeeded();
        for (Committed batch : covered) {
            for (int i = 0; i < batch.appends().size(); i++) {
                batch.appends().get(i).future().complete(batch.entries().get(i));
            }
        }
    }

    /**
     * One sync; after a failure, one more on a fresh connection: the kept one may be from before the
     * database was restarted (H2 90121), while the committer already wrote on a new one.
     */
    private void forceToDisk() {
        KeptConnection.Work<Void> sync = c -> {
            try (PreparedStatement statement = c.prepareStatement(syncSql)) {
                statement.setQueryTimeout(timeoutSeconds);
                statement.execute();
            }
            return null;
        };
        try {
            connection.run(sync);
        } catch (JournalException first) {
            LOG.debug("Journal sync failed ({}); trying once more on a new connection", first.getMessage());
            connection.run(sync);
        }
    }

    private List<Committed> drain() {
        List<Committed> left = new ArrayList<>();
        queue.drainTo(left);
        return left;
    }

    private static void fail(List<Committed> batches, JournalException failure) {
        batches.forEach(batch -> batch.appends().forEach(pending -> pending.future().completeExceptionally(failure)));
    }

    /**
     * Syncs what was handed over, then stops; call it after the committer has stopped handing over.
     * Waits at most {@code limitMillis}, then interrupts the sync thread (its appends fail).
     */
    void close(long limitMillis) {
        closing = true;
        try {
            thread.join(limitMillis);
            if (thread.isAlive()) {
                LOG.warn("Journal sync did not finish in time; interrupting it");
                thread.interrupt();
                thread.join(limitMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            connection.close();
        } catch (java.sql.SQLException e) {
            LOG.warn("Closing the journal sync connection failed ({})", SqlFailures.describe(e));
        }
    }

    @Override
    public void close() {
        close(TimeUnit.SECONDS.toMillis(timeoutSeconds) * 2);
    }
}
