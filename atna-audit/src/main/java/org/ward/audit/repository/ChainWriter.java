package org.ward.audit.repository;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that extends the hash chain. Records arrive as futures in arrival order (their
 * analysis runs in a pool); the writer takes what waits, lingering a few ms for a fuller batch, up to
 * max-batch-rows, joins the futures in order, gives each the next seq, chains the hashes, inserts
 * them in one transaction (group commit) and only then advances its head. A failed transaction is rolled back and retried on a new
 * connection with the same seqs. Every checkpoint-every records or checkpoint-interval, and on
 * close, it signs the head ({@link Checkpoint}) and writes it to the database and the head file.
 */
final class ChainWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChainWriter.class);
    private static final long IDLE_POLL_MILLIS = 50;
    /**
     * How long a short batch waits for more records: a commit costs the same for 1 row as for 100, and
     * RFC 5425 senders wait for no acknowledgement, so a few ms of latency buys fewer, fuller commits.
     */
    private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(3);
    private static final long RETRY_MILLIS = 1000;
    private static final int RETRIES_WHEN_CLOSING = 3;
    /**
     * H2 commits reach the OS at once (WRITE_DELAY=0, background compaction off: see AuditConnections),
     * so a process crash should lose nothing committed;
     * the fsync that also survives a power cut runs at most this often, and with every checkpoint.
     * Per-batch fsync would buy senders nothing: RFC 5425 has no acknowledgement they could wait for.
     */
    private static final long SYNC_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final AuditStoreConfig config;
    private final AuditConnections connections;
    private final CheckpointKey key;
    private final HeadFile headFile;
    private final RepositoryStats stats;
    private final Clock clock;
    private final BlockingQueue<CompletableFuture<AuditRow>> queue;
    private final Thread thread;
    private volatile boolean closing;

    // Writer-thread confined after start.
    private Connection connection;
    private long lastSeq;
    private byte[] lastHash;
    private long lastCheckpointSeq;
    private Instant firstUncoveredAt;
    private long lastSyncNanos = System.nanoTime();

    ChainWriter(AuditStoreConfig config, AuditConnections connections, CheckpointKey key, HeadFile headFile,
                RepositoryStats stats, Clock clock) throws SQLException {
        this.config = config;
        this.connections = connections;
        this.key = key;
        this.headFile = headFile;
        this.stats = stats;
        this.clock = clock;
        this.queue = new ArrayBlockingQueue<>(4 * config.maxBatchRows());
        this.connection = openConnection();
        AuditTables.Head head = AuditTables.head(connection); // the latest retention cut when every record was cut
        this.lastSeq = head.seq();
        this.lastHash = head.hash();
        this.lastCheckpointSeq = head.signedSeq();
        connection.commit();
        if (lastCheckpointSeq < lastSeq) {
            firstUncoveredAt = clock.instant(); // e.g. after a crash: sign what is there soon
        }
        this.thread = new Thread(this::run, "ward-audit-chain-writer");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /**
     * Queues one record, waiting while the queue is full: the receiver's event loops block here,
     * which stops reading from the sockets and pushes back on the senders (TCP flow control).
     */
    void submit(CompletableFuture<AuditRow> record) throws InterruptedException {
        if (closing) {
            throw new IllegalStateException("the audit repository writer is closed");
        }
        queue.put(record);
    }

    /** The seq of the last committed record (0 when empty). */
    synchronized long lastSeq() {
        return lastSeq;
    }

    private void run() {
        try {
            while (true) {
                CompletableFuture<AuditRow> first = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closing && queue.isEmpty()) {
                        break;
                    }
                } else {
                    write(rows(fill(first)));
                }
                if (checkpointDue()) {
                    checkpoint();
                }
            }
            if (lastCheckpointSeq < lastSeq) {
                checkpoint();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("audit chain writer interrupted; {} queued records not stored", queue.size());
            stats.lost(queue.size());
        } finally {
            closeConnection();
        }
    }

    /** {@code first} and what follows it within the linger time, up to max-batch-rows. */
    private List<CompletableFuture<AuditRow>> fill(CompletableFuture<AuditRow> first) throws InterruptedException {
        int max = config.maxBatchRows();
        List<CompletableFuture<AuditRow>> batch = new ArrayList<>(max);
        batch.add(first);
        long deadline = System.nanoTime() + LINGER_NANOS;
        while (true) {
            queue.drainTo(batch, max - batch.size());
            long left = deadline - System.nanoTime();
            if (batch.size() >= max || closing || left <= 0) {
                return batch;
            }
            CompletableFuture<AuditRow> next = queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                return batch;
            }
            batch.add(next);
        }
    }

    private List<AuditRow> rows(List<CompletableFuture<AuditRow>> batch) {
        List<AuditRow> rows = new ArrayList<>(batch.size());
        for (CompletableFuture<AuditRow> future : batch) {
            try {
                rows.add(future.join());
            } catch (CompletionException e) {
                // RecordAnalyzer flags every problem in the row; reaching this is a bug, and the frame is gone.
                LOG.error("audit record analysis failed; record lost", e.getCause());
                stats.lost(1);
            }
        }
        return rows;
    }

    private void write(List<AuditRow> rows) throws InterruptedException {
        int attempts = 0;
        while (true) {
            try {
                writeOnce(rows);
                return;
            } catch (SQLException | RuntimeException e) {
                attempts++;
                stats.writeFailed();
                rollbackAndDrop();
                if (closing && attempts >= RETRIES_WHEN_CLOSING) {
                    LOG.error("audit repository cannot store {} records while closing; they are lost ({})",
                            rows.size(), describe(e));
                    stats.lost(rows.size());
                    return;
                }
                LOG.warn("audit repository write of {} records failed (attempt {}), retrying in {} ms: {}",
                        rows.size(), attempts, RETRY_MILLIS, describe(e));
                Thread.sleep(RETRY_MILLIS);
            }
        }
    }

    private void writeOnce(List<AuditRow> rows) throws SQLException {
        if (connection == null) {
            connection = openConnection();
        }
        long seq = lastSeq;
        byte[] hash = lastHash;
        List<AuditTables.Chained> chained = new ArrayList<>(rows.size());
        for (AuditRow row : rows) {
            AuditRow numbered = row.withSeq(++seq);
            hash = CanonicalRecord.chain(hash, numbered);
            chained.add(new AuditTables.Chained(numbered, hash));
        }
        AuditTables.insert(connection, chained);
        connection.commit();
        if (System.nanoTime() - lastSyncNanos >= SYNC_INTERVAL_NANOS) {
            connections.syncAfterCommit(connection);
            lastSyncNanos = System.nanoTime();
        }
        synchronized (this) {
            lastSeq = seq;
        }
        lastHash = hash;
        if (firstUncoveredAt == null) {
            firstUncoveredAt = clock.instant();
        }
        rows.forEach(r -> stats.stored(r.status()));
    }

    private boolean checkpointDue() {
        return lastSeq > lastCheckpointSeq && (lastSeq - lastCheckpointSeq >= config.checkpointEvery()
                || !clock.instant().isBefore(firstUncoveredAt.plus(config.checkpointInterval())));
    }

    private void checkpoint() {
        try {
            if (connection == null) {
                connection = openConnection();
            }
            Checkpoint checkpoint = key.sign(lastSeq, lastHash, clock.instant());
            AuditTables.insert(connection, checkpoint);
            connection.commit();
            connections.syncAfterCommit(connection);
            lastSyncNanos = System.nanoTime();
            lastCheckpointSeq = checkpoint.seq();
            firstUncoveredAt = null;
            stats.checkpointWritten();
            headFile.write(checkpoint);
            LOG.debug("audit checkpoint signed at record {}", checkpoint.seq());
        } catch (SQLException | RuntimeException e) {
            stats.writeFailed();
            rollbackAndDrop();
            LOG.warn("audit checkpoint at record {} failed, retried later: {}", lastSeq, describe(e));
        } catch (GeneralSecurityException e) {
            LOG.error("audit checkpoint signing failed", e);
        } catch (IOException e) {
            LOG.error("audit checkpoint at record {} is in the database but the head file {} was not written",
                    lastSeq, headFile.path(), e);
        }
    }

    private Connection openConnection() throws SQLException {
        Connection c = connections.open();
        c.setAutoCommit(false);
        return c;
    }

    private void rollbackAndDrop() {
        if (connection == null) {
            return;
        }
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is dropped below anyway; the failure that brought us here was logged
        }
        closeConnection();
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.warn("closing the audit repository connection failed: {}", describe(e));
            }
            connection = null;
        }
    }

    private static String describe(Exception e) {
        return e instanceof SQLException sql ? sql.getClass().getSimpleName() + " SQLState " + sql.getSQLState()
                + " (" + sql.getErrorCode() + ")" : String.valueOf(e);
    }

    /** Stores what is queued, writes a final checkpoint, then stops. */
    @Override
    public void close() {
        closing = true;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(60));
            if (thread.isAlive()) {
                LOG.warn("audit chain writer did not stop within 60 s; interrupting it");
                thread.interrupt();
                thread.join(TimeUnit.SECONDS.toMillis(10));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive() && connection != null) {
            closeConnection(); // never started
        }
    }
}
