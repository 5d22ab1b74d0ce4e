package org.ward.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.ward.delivery.DeliveryEvent;
import org.ward.delivery.DeliveryQueue;
import org.ward.delivery.QueuedMessage;

/**
 * The journal's {@code deliveries} table as the workers' {@link DeliveryQueue}, on a
 * {@link KeptConnection} of its own. A destination's queue is its PENDING rows in message id order;
 * the rows were inserted with their message, in the same transaction.
 *
 * <p>Every state change is one auto-committed UPDATE, except that the deliveries a worker records
 * together ({@link #delivered(List)}) share one transaction. On H2 none is followed by a CHECKPOINT
 * SYNC as appends are: a change lost to an operating-system crash only makes the worker send that
 * message again, which the at-least-once promise already allows.
 */
public final class JdbcDeliveryQueue implements DeliveryQueue {

    /** Width of {@code deliveries.last_reason}; longer reasons are cut. */
    public static final int MAX_REASON = 512;

    private static final String PENDING = DeliveryStatus.PENDING.name();
    /**
     * The ORDER BY names every column of deliveries_queue_idx although the WHERE fixes the first two:
     * H2 2.x reads an index in order only for an ORDER BY on its leading columns, and otherwise sorts
     * every PENDING row (joined to its payload) for each message, so a 10,000-message backlog drained
     * at ~20 msg/s. PostgreSQL reads the index in order either way.
     */
    /**
     * The first pending deliveries of a destination, in id order; their messages are read by id
     * afterwards ({@link #MESSAGES}). As one join, PostgreSQL 15 chose a merge join that read
     * {@code messages} from its first row up to the pending ones (every delivered message, each
     * batch): 150 ms per batch with 200,000 messages, and delivery fell behind intake (issue 10).
     */
    static final String NEXT = "SELECT message_id, attempts FROM deliveries WHERE destination = ? AND status = '"
            + PENDING + "' ORDER BY destination, status, message_id FETCH FIRST ? ROWS ONLY";
    /** The queued messages' own columns, by id: followed by an {@link IdList}'s placeholders and ")". */
    private static final String MESSAGES = "SELECT id, control_id, payload_key, payload FROM messages WHERE id IN (";
    private static final String DELIVERED = "UPDATE deliveries SET status = '" + DeliveryStatus.DELIVERED.name()
            + "', delivered_at = ?, next_attempt = NULL WHERE message_id = ? AND destination = ? AND status = '"
            + PENDING + "'";
    private static final String RETRY_LATER = "UPDATE deliveries SET attempts = attempts + 1, next_attempt = ?,"
            + " last_reason = ? WHERE message_id = ? AND destination = ? AND status = '" + PENDING + "'";
    private static final String DEAD_LETTER = "UPDATE deliveries SET status = '"
            + DeliveryStatus.DEAD_LETTER.name() + "', next_attempt = NULL, last_reason = ?"
            + " WHERE message_id = ? AND destination = ? AND status = '" + PENDING + "'";
    private static final String COUNTS = "SELECT destination, status, COUNT(*) FROM deliveries"
            + " GROUP BY destination, status ORDER BY destination, status";
    private static final String DEAD_LETTERS = "SELECT " + prefixed("m.", JournalReader.COLUMNS)
            + " FROM deliveries d JOIN messages m ON m.id = d.message_id"
            + " WHERE d.destination = ? AND d.status = '" + DeliveryStatus.DEAD_LETTER.name() + "'"
            + " ORDER BY d.message_id";

    private static final String REQUEUE = "UPDATE deliveries SET status = '" + PENDING + "', attempts = 0,"
            + " next_attempt = NULL, last_reason = NULL, delivered_at = NULL WHERE message_id = ? AND destination = ?"
            + " AND status IN ('" + DeliveryStatus.DELIVERED.name() + "', '" + DeliveryStatus.DEAD_LETTER.name() + "')";
    private static final String STATES = "SELECT destination, status, attempts, next_attempt, last_reason,"
            + " delivered_at FROM deliveries WHERE message_id = ? ORDER BY destination";
    /**
     * Messages every delivery of which was acknowledged before the cut-off, or that were queued for no
     * destination and received before it; their deliveries and patient ids go with them (ON DELETE CASCADE).
     */
    private static final String PURGE = "DELETE FROM messages WHERE (EXISTS (SELECT 1 FROM deliveries d"
            + " WHERE d.message_id = messages.id) AND NOT EXISTS (SELECT 1 FROM deliveries d"
            + " WHERE d.message_id = messages.id AND (d.status <> '" + DeliveryStatus.DELIVERED.name() + "'"
            + " OR d.delivered_at >= ?))) OR (NOT EXISTS (SELECT 1 FROM deliveries d"
            + " WHERE d.message_id = messages.id) AND received_at < ?)";

    /**
     * PostgreSQL: a batch of delivered marks as one statement over arrays. A JDBC batch of UPDATEs
     * runs one statement per row there (pgjdbc rewrites only INSERTs), and those were PostgreSQL's
     * largest cost once the next-batch query was fixed (issue 10).
     */
    private static final String DELIVERED_ALL_POSTGRESQL = "UPDATE deliveries d SET status = '"
            + DeliveryStatus.DELIVERED.name() + "', delivered_at = v.at::timestamptz, next_attempt = NULL"
            + " FROM unnest(?::bigint[], ?::text[], ?::text[]) AS v(id, destination, at)"
            + " WHERE d.message_id = v.id AND d.destination = v.destination AND d.status = '" + PENDING + "'";

    private final KeptConnection connection;
    private final PayloadCipher cipher;
    private final int timeoutSeconds;
    private final Dialect dialect;

    JdbcDeliveryQueue(ConnectionFactory connections, Dialect dialect, PayloadCipher cipher, int timeoutSeconds) {
        this.dialect = dialect;
        this.connection = new KeptConnection(connections, false, "delivery queue");
        this.cipher = cipher;
        this.timeoutSeconds = timeoutSeconds;
    }

    /**
     * The PENDING message with the smallest id for {@code destination}, decrypted, whether or not its
     * retry time has come: the worker waits for it, nothing overtakes it.
     */
    @Override
    public Optional<QueuedMessage> next(String destination) {
        return next(destination, 1).stream().findFirst();
    }

    /** The {@code max} PENDING messages with the smallest ids for {@code destination}, in one query, decrypted. */
    @Override
    public List<QueuedMessage> next(String destination, int max) {
        Fields.required(destination, "destination", 128);
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1: " + max);
        }
        return connection.run(c -> {
            Map<Long, Integer> attempts = new LinkedHashMap<>();
            try (PreparedStatement select = prepare(c, NEXT)) {
                select.setString(1, destination);
                select.setInt(2, max);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        attempts.put(row.getLong(1), row.getInt(2));
                    }
                }
            }
            if (attempts.isEmpty()) {
                return List.of();
            }
            IdList ids = IdList.of(attempts.keySet());
            Map<Long, QueuedMessage> messages = new HashMap<>();
            try (PreparedStatement select = prepare(c, MESSAGES + ids.placeholders() + ")")) {
                ids.bind(select, 1);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        long id = row.getLong(1);
                        byte[] payload = cipher.open(id, row.getString(3), row.getBytes(4));
                        messages.put(id, new QueuedMessage(id, row.getString(2), payload, attempts.get(id)));
                    }
                }
            }
            // A pending delivery always has its message (purging takes delivered messages only, and
            // the delivery row goes with it); id order is the queue's order.
            return attempts.keySet().stream().map(messages::get).filter(Objects::nonNull).toList();
        });
    }

    @Override
    public void delivered(String destination, long messageId, Instant at) {
        Objects.requireNonNull(at, "at");
        update(destination, messageId, DELIVERED, utc(at));
    }

    /**
     * Marks every delivery PENDING → DELIVERED in one transaction (one batched UPDATE; on PostgreSQL
     * one statement); if any of them is not pending, none is marked and this fails.
     */
    @Override
    public void delivered(List<DeliveryEvent> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        for (DeliveryEvent delivery : deliveries) {
            Fields.required(delivery.destination(), "destination", 128);
        }
        if (dialect == Dialect.POSTGRESQL) {
            deliveredInOneStatement(deliveries);
            return;
        }
        connection.inTransaction(c -> {
            try (PreparedStatement update = prepare(c, DELIVERED)) {
                for (DeliveryEvent delivery : deliveries) {
                    update.setObject(1, utc(delivery.at()));
                    update.setLong(2, delivery.messageId());
                    update.setString(3, delivery.destination());
                    update.addBatch();
                }
                int[] changed = update.executeBatch();
                for (int i = 0; i < changed.length; i++) {
                    if (changed[i] != 1) {
                        DeliveryEvent delivery = deliveries.get(i);
                        throw new IllegalStateException("message " + delivery.messageId()
                                + " is not pending for destination " + delivery.destination());
                    }
                }
                return null;
            }
        });
    }

    private void deliveredInOneStatement(List<DeliveryEvent> deliveries) {
        connection.inTransaction(c -> {
            Object[] ids = deliveries.stream().map(DeliveryEvent::messageId).toArray();
            Object[] destinations = deliveries.stream().map(DeliveryEvent::destination).toArray();
            Object[] ats = deliveries.stream().map(d -> utc(d.at()).toString()).toArray();
            try (PreparedStatement update = prepare(c, DELIVERED_ALL_POSTGRESQL)) {
                update.setArray(1, c.createArrayOf("bigint", ids));
                update.setArray(2, c.createArrayOf("text", destinations));
                update.setArray(3, c.createArrayOf("text", ats));
                int changed = update.executeUpdate();
                if (changed != deliveries.size()) {
                    // The transaction rolls back: none is marked.
                    throw new IllegalStateException((deliveries.size() - changed) + " of " + deliveries.size()
                            + " deliveries (messages " + deliveries.get(0).messageId() + " to "
                            + deliveries.get(deliveries.size() - 1).messageId() + ") are not pending");
                }
                return null;
            }
        });
    }

    @Override
    public void retryLater(String destination, long messageId, String reason, Instant notBefore) {
        Objects.requireNonNull(notBefore, "notBefore");
        update(destination, messageId, RETRY_LATER, utc(notBefore), truncate(reason));
    }

    @Override
    public void deadLetter(String destination, long messageId, String reason) {
        update(destination, messageId, DEAD_LETTER, truncate(reason));
    }

    /** Rows per destination and status (by {@link DeliveryStatus} name), for operators. */
    public Map<String, Map<String, Long>> counts() {
        return connection.run(c -> {
            Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
            try (PreparedStatement select = prepare(c, COUNTS); ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    counts.computeIfAbsent(rows.getString(1), d -> new LinkedHashMap<>())
                            .put(rows.getString(2), rows.getLong(3));
                }
            }
            Map<String, Map<String, Long>> frozen = new LinkedHashMap<>();
            counts.forEach((destination, byStatus) -> frozen.put(destination, Collections.unmodifiableMap(byStatus)));
            return Collections.unmodifiableMap(frozen);
        });
    }

    /** The messages {@code destination} rejected, in id order, without payloads. */
    public List<JournalEntry> deadLetters(String destination) {
        Fields.required(destination, "destination", 128);
        return connection.run(c -> {
            List<JournalEntry> entries = new ArrayList<>();
            try (PreparedStatement select = prepare(c, DEAD_LETTERS)) {
                select.setString(1, destination);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        entries.add(JournalReader.entry(rows, List.of()));
                    }
                }
            }
            Map<Long, List<String>> patients = JournalReader.patients(c,
                    entries.stream().map(JournalEntry::id).toList(), timeoutSeconds);
            return entries.stream()
                    .map(e -> JournalReader.withPatients(e, patients.getOrDefault(e.id(), List.of())))
                    .toList();
        });
    }

    /**
     * Puts a DELIVERED or DEAD_LETTER message back in {@code destination}'s queue, attempts reset, at
     * its place in id order: it goes before anything queued after it. The destination receives it
     * again (at least once: it may already hold it, and should de-duplicate on MSH-10).
     *
     * @return false when the message has no such delivery or it is still PENDING
     */
    public boolean requeue(String destination, long messageId) {
        Fields.required(destination, "destination", 128);
        return connection.run(c -> {
            try (PreparedStatement update = prepare(c, REQUEUE)) {
                update.setLong(1, messageId);
                update.setString(2, destination);
                return update.executeUpdate() == 1;
            }
        });
    }

    /** The message's delivery to each destination it was queued for, by destination name. */
    public List<DeliveryState> states(long messageId) {
        return connection.run(c -> {
            List<DeliveryState> states = new ArrayList<>();
            try (PreparedStatement select = prepare(c, STATES)) {
                select.setLong(1, messageId);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        states.add(new DeliveryState(rows.getString(1), DeliveryStatus.valueOf(rows.getString(2)),
                                rows.getInt(3), instant(rows.getObject(4, OffsetDateTime.class)), rows.getString(5),
                                instant(rows.getObject(6, OffsetDateTime.class))));
                    }
                }
            }
            return List.copyOf(states);
        });
    }

    /** See {@link MessageJournal#purgeDeliveredBefore}. */
    long purgeDeliveredBefore(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        return connection.run(c -> {
            try (PreparedStatement delete = prepare(c, PURGE)) {
                delete.setObject(1, utc(cutoff));
                delete.setObject(2, utc(cutoff));
                return (long) delete.executeUpdate();
            }
        });
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }

    /**
     * Runs one state change on the PENDING row of {@code messageId} for {@code destination}; the
     * parameters are followed by the row's key. Only the message {@link #next} returned may change.
     */
    private void update(String destination, long messageId, String sql, Object... values) {
        Fields.required(destination, "destination", 128);
        int changed = connection.run(c -> {
            try (PreparedStatement update = prepare(c, sql)) {
                int i = 1;
                for (Object value : values) {
                    update.setObject(i++, value);
                }
                update.setLong(i++, messageId);
                update.setString(i, destination);
                return update.executeUpdate();
            }
        });
        if (changed != 1) {
            throw new IllegalStateException("message " + messageId + " is not pending for destination "
                    + destination);
        }
    }

    /** Reasons name failures, not content; the cut only keeps them within the column. */
    private static String truncate(String reason) {
        Objects.requireNonNull(reason, "reason");
        return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON);
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String prefixed(String alias, String columns) {
        return alias + String.join(", " + alias, columns.split(",\\s*"));
    }

    private PreparedStatement prepare(Connection c, String sql) throws SQLException {
        PreparedStatement statement = c.prepareStatement(sql);
        statement.setQueryTimeout(timeoutSeconds);
        return statement;
    }

    void close() throws SQLException {
        connection.close();
    }
}
