package org.ward.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the control id and patient ids of committed messages into {@code search_keys}, in id order and
 * many messages per transaction, and records in {@code search_progress} the last id it copied (V4
 * migration). The commit that answers the sender then writes no random-key index; a leaf of
 * {@code search_keys} takes all its new keys at once here. Message ids increase in commit order (one
 * committer), so every message up to the recorded id is indexed and every newer one is not yet:
 * {@link JournalReader} searches the two parts each its own way.
 */
final class SearchIndexer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SearchIndexer.class);

    /** Messages per transaction at most, when the indexer is behind (after a restart, a migration). */
    static final int BATCH = 1_000;
    /**
     * How long the indexer rests once it has caught up: a round then indexes a fifth of a second of
     * traffic, short enough not to hold the CPU away from the messages waiting for their ACK.
     */
    static final Duration INTERVAL = Duration.ofMillis(200);

    static final String PROGRESS = "SELECT indexed_through FROM search_progress WHERE singleton = 1";

    private final KeptConnection connection;
    private final int timeoutSeconds;
    private final Thread thread;
    private final Object rest = new Object();
    private volatile boolean closed;

    SearchIndexer(ConnectionFactory connections, int timeoutSeconds) {
        this.connection = new KeptConnection(connections, false, "search indexing");
        this.timeoutSeconds = timeoutSeconds;
        this.thread = new Thread(this::run, "ward-journal-indexer");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Indexes up to {@link #BATCH} messages not yet indexed, in one transaction; how many it indexed. */
    synchronized int indexOnce() {
        return connection.inTransaction(this::index);
    }

    private int index(Connection c) throws SQLException {
        long through = indexedThrough(c, timeoutSeconds);
        // In key order, so that each leaf of the primary key is visited once; a patient named twice in one
        // message is one key.
        Set<Key> keys = new TreeSet<>(Key.ORDER);
        long last = through;
        int messages = 0;
        try (PreparedStatement select = prepare(c, "SELECT id, control_id FROM messages WHERE id > ?"
                + " ORDER BY id FETCH FIRST " + BATCH + " ROWS ONLY")) {
            select.setLong(1, through);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    last = rows.getLong(1);
                    keys.add(new Key("C", rows.getString(2), last));
                    messages++;
                }
            }
        }
        if (messages == 0) {
            return 0;
        }
        try (PreparedStatement select = prepare(c, "SELECT message_id, patient_id FROM message_patients"
                + " WHERE message_id > ? AND message_id <= ?")) {
            select.setLong(1, through);
            select.setLong(2, last);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    keys.add(new Key("P", rows.getString(2), rows.getLong(1)));
                }
            }
        }
        try (PreparedStatement insert = prepare(c,
                "INSERT INTO search_keys (kind, key_value, message_id) VALUES (?, ?, ?)")) {
            for (Key key : keys) {
                insert.setString(1, key.kind());
                insert.setString(2, key.value());
                insert.setLong(3, key.messageId());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (PreparedStatement update = prepare(c,
                "UPDATE search_progress SET indexed_through = ? WHERE singleton = 1")) {
            update.setLong(1, last);
            update.executeUpdate();
        }
        return messages;
    }

    /** The last message id whose keys are in {@code search_keys}. */
    static long indexedThrough(Connection c, int timeoutSeconds) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(PROGRESS)) {
            select.setQueryTimeout(timeoutSeconds);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("search_progress has no row: the V4 migration did not run", "55000");
                }
                return row.getLong(1);
            }
        }
    }

    private void run() {
        // The first round waits too: at start-up the CPU is needed elsewhere, and a backlog can wait.
        rest();
        while (!closed) {
            try {
                if (indexOnce() == BATCH) {
                    continue; // behind: go on at once
                }
            } catch (JournalException e) {
                // Searches stay exact meanwhile (they read the rows not yet indexed); retried after a rest.
                LOG.warn("journal search indexing failed, retrying in {} ms: {}", INTERVAL.toMillis(), e.getMessage());
            }
            rest();
        }
    }

    /**
     * Waits {@link #INTERVAL} or until {@link #close}. Never by interrupting the thread: an interrupt
     * during H2's file I/O closes its file channel under the database.
     */
    private void rest() {
        synchronized (rest) {
            if (!closed) {
                try {
                    rest.wait(INTERVAL.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    closed = true;
                }
            }
        }
    }

    private PreparedStatement prepare(Connection c, String sql) throws SQLException {
        PreparedStatement statement = c.prepareStatement(sql);
        statement.setQueryTimeout(timeoutSeconds);
        return statement;
    }

    @Override
    public void close() throws SQLException {
        synchronized (rest) {
            closed = true;
            rest.notifyAll();
        }
        try {
            thread.join(Duration.ofSeconds(timeoutSeconds + 5L).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connection.close();
    }

    private record Key(String kind, String value, long messageId) {
        static final Comparator<Key> ORDER = Comparator.comparing(Key::kind).thenComparing(Key::value)
                .thenComparingLong(Key::messageId);
    }
}
