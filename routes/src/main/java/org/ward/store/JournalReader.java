package org.ward.store;

import java.nio.charset.Charset;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the journal on a {@link KeptConnection} of its own, apart from the committer's. */
final class JournalReader implements AutoCloseable {

    static final String COLUMNS = "id, received_at, listener, sender_subject, sender_serial,"
            + " sender_device, message_type, control_id, transaction_id, charset, status";

    private final KeptConnection connection;
    private final PayloadCipher cipher;
    private final int timeoutSeconds;

    JournalReader(ConnectionFactory connections, PayloadCipher cipher, int timeoutSeconds) {
        this.connection = new KeptConnection(connections, true, "journal read");
        this.cipher = cipher;
        this.timeoutSeconds = timeoutSeconds;
    }

    Optional<StoredMessage> find(long id) {
        return read(c -> {
            try (PreparedStatement select = prepare(c,
                    "SELECT " + COLUMNS + ", payload_key, payload FROM messages WHERE id = ?")) {
                select.setLong(1, id);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    byte[] payload = cipher.open(id, row.getString("payload_key"), row.getBytes("payload"));
                    JournalEntry entry = entry(row, patients(c, List.of(id)).getOrDefault(id, List.of()));
                    return Optional.of(new StoredMessage(entry, payload));
                }
            }
        });
    }

    /** One query for the messages, one for their patients, whatever the number of ids. */
    Map<Long, JournalEntry> entries(List<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return read(c -> {
            IdList in = IdList.of(ids);
            Map<Long, JournalEntry> entries = new HashMap<>();
            for (JournalEntry entry : selectWithPatients(c, "SELECT " + COLUMNS + " FROM messages WHERE id IN ("
                    + in.placeholders() + ")", in.padded())) {
                entries.put(entry.id(), entry);
            }
            return Collections.unmodifiableMap(entries);
        });
    }

    /**
     * The entries {@code query} selects, in id order. A search by control id or patient reads
     * {@code search_keys} for the messages the {@link SearchIndexer} has indexed and the newer rows
     * themselves (at most a few seconds of traffic), so it sees every committed message.
     */
    List<JournalEntry> list(JournalQuery query) {
        return read(c -> {
            if (query.controlId() == null && query.patientId() == null) {
                return select(c, query, Long.MAX_VALUE, true, query.limit()); // no search key: one part
            }
            long indexedThrough = SearchIndexer.indexedThrough(c, timeoutSeconds);
            List<JournalEntry> indexed = select(c, query, indexedThrough, true, query.limit());
            if (indexed.size() >= query.limit()) {
                return indexed;
            }
            List<JournalEntry> all = new ArrayList<>(indexed);
            all.addAll(select(c, query, indexedThrough, false, query.limit() - indexed.size()));
            return List.copyOf(all);
        });
    }

    /**
     * The entries {@code query} selects among ids up to {@code indexedThrough} ({@code upTo}: through
     * {@code search_keys}) or after it (through the rows' own columns).
     */
    private List<JournalEntry> select(Connection c, JournalQuery query, long indexedThrough, boolean upTo, int limit)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM messages WHERE id > ?");
        List<Object> parameters = new ArrayList<>();
        parameters.add(query.afterId());
        if (upTo) {
            where(sql, parameters, "id <= ?", indexedThrough);
            where(sql, parameters, "id IN (SELECT message_id FROM search_keys WHERE kind = 'C' AND key_value = ?)",
                    query.controlId());
            where(sql, parameters, "id IN (SELECT message_id FROM search_keys WHERE kind = 'P' AND key_value = ?)",
                    query.patientId());
        } else {
            where(sql, parameters, "id > ?", indexedThrough);
            where(sql, parameters, "control_id = ?", query.controlId());
            if (query.patientId() != null) {
                // Bounded to the tail, so that the look-up reads only its rows (patient_id has no index).
                sql.append(" AND id IN (SELECT message_id FROM message_patients"
                        + " WHERE message_id > ? AND patient_id = ?)");
                parameters.add(indexedThrough);
                parameters.add(query.patientId());
            }
        }
        where(sql, parameters, "message_type = ?", query.messageType());
        where(sql, parameters, "status = ?", query.status() == null ? null : query.status().name());
        where(sql, parameters, "received_at >= ?", utc(query.receivedFrom()));
        where(sql, parameters, "received_at < ?", utc(query.receivedBefore()));
        sql.append(" ORDER BY id FETCH FIRST ? ROWS ONLY");
        parameters.add(limit);
        return selectWithPatients(c, sql.toString(), parameters);
    }

    /** The entries {@code sql} selects (in its order), each with its patients: one query for them all. */
    private List<JournalEntry> selectWithPatients(Connection c, String sql, List<?> parameters) throws SQLException {
        Map<Long, JournalEntry> withoutPatients = new LinkedHashMap<>();
        try (PreparedStatement select = prepare(c, sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                select.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    JournalEntry entry = entry(rows, List.of());
                    withoutPatients.put(entry.id(), entry);
                }
            }
        }
        Map<Long, List<String>> patients = patients(c, List.copyOf(withoutPatients.keySet()));
        return withoutPatients.values().stream()
                .map(e -> withPatients(e, patients.getOrDefault(e.id(), List.of())))
                .toList();
    }

    long count() {
        return read(c -> {
            try (PreparedStatement select = prepare(c, "SELECT COUNT(*) FROM messages");
                 ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });
    }

    private Map<Long, List<String>> patients(Connection c, List<Long> ids) throws SQLException {
        return patients(c, ids, timeoutSeconds);
    }

    /** The patient ids of the messages {@code ids}, in their stored order. */
    static Map<Long, List<String>> patients(Connection c, List<Long> ids, int timeoutSeconds) throws SQLException {
        if (ids.isEmpty()) {
            return Map.of();
        }
        IdList in = IdList.of(ids);
        Map<Long, List<String>> patients = new HashMap<>();
        try (PreparedStatement select = c.prepareStatement("SELECT message_id, patient_id FROM message_patients"
                + " WHERE message_id IN (" + in.placeholders() + ") ORDER BY message_id, ordinal")) {
            select.setQueryTimeout(timeoutSeconds);
            in.bind(select, 1);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    patients.computeIfAbsent(rows.getLong(1), id -> new ArrayList<>()).add(rows.getString(2));
                }
            }
        }
        return Collections.unmodifiableMap(patients);
    }

    static JournalEntry entry(ResultSet row, List<String> patients) throws SQLException {
        Sender sender = new Sender(row.getString("sender_subject"), row.getString("sender_serial"),
                row.getString("sender_device"));
        return new JournalEntry(row.getLong("id"), row.getObject("received_at", OffsetDateTime.class).toInstant(),
                row.getString("listener"), sender, row.getString("message_type"), row.getString("control_id"),
                row.getString("transaction_id"), patients, Charset.forName(row.getString("charset")),
                MessageStatus.valueOf(row.getString("status")));
    }

    static JournalEntry withPatients(JournalEntry e, List<String> patients) {
        return new JournalEntry(e.id(), e.receivedAt(), e.listener(), e.sender(), e.messageType(), e.controlId(),
                e.transaction(), patients, e.charset(), e.status());
    }

    private static void where(StringBuilder sql, List<Object> parameters, String condition, Object value) {
        if (value != null) {
            sql.append(" AND ").append(condition);
            parameters.add(value);
        }
    }

    private static OffsetDateTime utc(java.time.Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private PreparedStatement prepare(Connection c, String sql) throws SQLException {
        PreparedStatement statement = c.prepareStatement(sql);
        statement.setQueryTimeout(timeoutSeconds);
        return statement;
    }

    private <T> T read(KeptConnection.Work<T> query) {
        return connection.run(query);
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
