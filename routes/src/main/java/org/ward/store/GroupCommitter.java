package org.ward.store;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes the journal. Appends from any thread queue up; the committer takes the
 * first and everything else waiting (up to the batch limits), writes them in one transaction, commits,
 * and only then completes their futures. Batches form by themselves under load: while one commit waits
 * for the disk, the next appends queue. A failed batch fails all its futures; the next batch reconnects.
 */
final class GroupCommitter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);
    private static final long IDLE_POLL_MILLIS = 50;

    private final BatchWriter writer;
    private final int batchRows;
    private final long batchDelayNanos;
    private final Duration appendTimeout;
    private final int capacity;
    private final BlockingQueue<PendingAppend> queue;
    private final FailurePeriod failures = new FailurePeriod();
    private final Object lifecycle = new Object();
    private final Thread thread;
    private final LongAdder transactions = new LongAdder();
    private boolean closing;

    GroupCommitter(BatchWriter writer, JournalConfig config) {
        this.writer = writer;
        this.batchRows = config.batchRows();
        this.batchDelayNanos = config.groupCommit() ? config.maxBatchDelay().toNanos() : 0;
        this.appendTimeout = config.writeTimeout().multipliedBy(2);
        this.capacity = config.maxQueuedAppends();
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::run, "ward-journal-committer");
        thread.setDaemon(true);
        thread.start();
    }

    CompletableFuture<JournalEntry> submit(InboundRecord record) {
        PendingAppend pending = new PendingAppend(record, new CompletableFuture<>());
        synchronized (lifecycle) {
            if (closing) {
                return CompletableFuture.failedFuture(new JournalException("the journal is closed"));
            }
            if (!queue.offer(pending)) {
                return CompletableFuture.failedFuture(new JournalException(
                        "the journal queue is full (" + capacity + " appends waiting, max-queued-appends)"));
            }
        }
        // Bounds the caller's wait even when the database hangs beyond the statement timeout.
        return pending.future().orTimeout(appendTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run() {
        try {
            while (true) {
                PendingAppend first = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (isClosing()) {
                        return;
                    }
                    continue;
                }
                commit(collect(first));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("Journal committer interrupted; {} queued appends are refused", queue.size());
        } finally {
            refuseQueued();
            closeWriter();
        }
    }

    private List<PendingAppend> collect(PendingAppend first) throws InterruptedException {
        List<PendingAppend> batch = new ArrayList<>();
        batch.add(first);
        queue.drainTo(batch, batchRows - 1);
        long deadline = System.nanoTime() + batchDelayNanos;
        while (batch.size() < batchRows && batchDelayNanos > 0) {
            long left = deadline - System.nanoTime();
            PendingAppend next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
            if (next == null) {
                break;
            }
            batch.add(next);
            queue.drainTo(batch, batchRows - batch.size());
        }
        // An append whose caller already gave up (time limit) is not written: it was answered as not committed.
        batch.removeIf(pending -> pending.future().isDone());
        return batch;
    }

    private void commit(List<PendingAppend> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<InboundRecord> records = batch.stream().map(PendingAppend::record).toList();
        List<JournalEntry> entries;
        try {
            entries = writer.write(records);
        } catch (SQLException | RuntimeException e) {
            String description = SqlFailures.describe(e);
            failures.failed(description, batch.size());
            JournalException failure = new JournalException("not committed: journal write failed ("
                    + description + ")");
            batch.forEach(pending -> pending.future().completeExceptionally(failure));
            return;
        }
        transactions.increment();
        failures.succeeded();
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).future().complete(entries.get(i));
        }
    }

    /** Transactions committed so far: appends per transaction shows how well group commit batches. */
    long transactions() {
        return transactions.sum();
    }

    private boolean isClosing() {
        synchronized (lifecycle) {
            return closing;
        }
    }

    private void refuseQueued() {
        List<PendingAppend> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(pending -> pending.future().completeExceptionally(
                new JournalException("not committed: the journal closed first")));
    }

    private void closeWriter() {
        try {
            writer.close();
        } catch (SQLException e) {
            LOG.warn("Closing the journal connection failed ({})", SqlFailures.describe(e));
        }
    }

    /** Commits what is queued, then stops; waits at most twice the append time limit. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            closing = true;
        }
        try {
            thread.join(appendTimeout.multipliedBy(2).toMillis());
            if (thread.isAlive()) {
                LOG.warn("Journal committer did not stop in time; interrupting it");
                thread.interrupt();
                thread.join(appendTimeout.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
