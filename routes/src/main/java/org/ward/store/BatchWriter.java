package org.ward.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a batch of records in one transaction on the one connection it owns, and forces it to disk.
 * Used by one thread only: the committer's. The connection keeps its statements prepared; after a
 * failure it is dropped with them, and the next batch opens a new one. Message ids come from the
 * sequence a block at a time ({@link #ID_BLOCK}), so a batch usually costs no sequence query.
 */
final class BatchWriter implements AutoCloseable {

    private static final String INSERT_MESSAGE = "INSERT INTO messages (id, received_at, listener,"
            + " sender_subject, sender_serial, sender_device, message_type, control_id, transaction_id,"
            + " charset, status, payload_key, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_PATIENT =
            "INSERT INTO message_patients (message_id, ordinal, patient_id) VALUES (?, ?, ?)";
    private static final String INSERT_DELIVERY = "INSERT INTO deliveries (message_id, destination, status,"
            + " attempts) VALUES (?, ?, '" + DeliveryStatus.PENDING.name() + "', 0)";
    /** A connection idle longer than this is checked before use: the server may have restarted meanwhile. */
    private static final long IDLE_CHECK_NANOS = 1_000_000_000L;
    /**
     * Ids taken from the sequence at once. They are handed out in order by this one thread, so ids still
     * increase in commit order; a restart leaves a gap of at most this many (a sequence promises no
     * gap-free numbering anyway: a rolled-back batch leaves one too).
     */
    static final int ID_BLOCK = 1000;

    private final ConnectionFactory connections;
    private final Dialect dialect;
    private final PayloadCipher cipher;
    private final int timeoutSeconds;
    private Connection connection;
    private Statements statements;
    private long lastUsed;
    /** The block of ids last taken from the sequence, and how many of it are handed out. */
    private long[] idBlock = new long[0];
    private int idsUsed;

    /** The statements of one connection, prepared once. */
    private record Statements(PreparedStatement nextIds, PreparedStatement message, PreparedStatement patient,
            PreparedStatement delivery, Statement sync) {
    }

    BatchWriter(ConnectionFactory connections, Dialect dialect, PayloadCipher cipher, int timeoutSeconds) {
        this.connections = connections;
        this.dialect = dialect;
        this.cipher = cipher;
        this.timeoutSeconds = timeoutSeconds;
    }

    /**
     * Commits {@code records} durably with their delivery rows, all or none, and returns their entries
     * in the same order: a committed message is queued for each of its destinations.
     */
    List<JournalEntry> write(List<InboundRecord> records) throws SQLException {
        try {
            Connection c = connection();
            long[] ids = nextIds(records.size());
            insertMessages(ids, records);
            insertPatients(ids, records);
            insertDeliveries(ids, records);
            c.commit();
            sync();
            lastUsed = System.nanoTime();
            List<JournalEntry> entries = new ArrayList<>(records.size());
            for (int i = 0; i < ids.length; i++) {
                entries.add(JournalEntry.accepted(ids[i], records.get(i)));
            }
            return entries;
        } catch (SQLException | RuntimeException e) {
            discard(e);
            throw e;
        }
    }

    private Connection connection() throws SQLException {
        if (connection != null && System.nanoTime() - lastUsed > IDLE_CHECK_NANOS
                && !connection.isValid(timeoutSeconds)) {
            SQLException stale = new SQLException("the idle journal connection is no longer valid", "08003");
            discard(stale);
        }
        if (connection == null) {
            Connection opened = connections.open();
            try {
                opened.setAutoCommit(false);
                statements = new Statements(prepare(opened, dialect.nextIdsSql()), prepare(opened, INSERT_MESSAGE),
                        prepare(opened, INSERT_PATIENT), prepare(opened, INSERT_DELIVERY), opened.createStatement());
                statements.sync().setQueryTimeout(timeoutSeconds);
            } catch (SQLException | RuntimeException e) {
                try {
                    opened.close();
                } catch (SQLException closing) {
                    e.addSuppressed(closing);
                }
                throw e;
            }
            connection = opened;
        }
        return connection;
    }

    private PreparedStatement prepare(Connection c, String sql) throws SQLException {
        PreparedStatement statement = c.prepareStatement(sql);
        statement.setQueryTimeout(timeoutSeconds);
        return statement;
    }

    /** Ids for {@code count} rows, in increasing order: a batch's rows in the order they were appended. */
    private long[] nextIds(int count) throws SQLException {
        long[] ids = new long[count];
        for (int i = 0; i < count; i++) {
            if (idsUsed == idBlock.length) {
                takeIdBlock(Math.max(ID_BLOCK, count - i));
            }
            ids[i] = idBlock[idsUsed++];
        }
        return ids;
    }

    private void takeIdBlock(int size) throws SQLException {
        long[] block = new long[size];
        PreparedStatement statement = statements.nextIds();
        statement.setInt(1, size);
        try (ResultSet rows = statement.executeQuery()) {
            int i = 0;
            while (rows.next()) {
                block[i++] = rows.getLong(1);
            }
            if (i != size) {
                throw new SQLException("the id sequence returned " + i + " of " + size + " ids");
            }
        }
        Arrays.sort(block);
        idBlock = block;
        idsUsed = 0;
    }

    private void insertMessages(long[] ids, List<InboundRecord> records) throws SQLException {
        PreparedStatement insert = statements.message();
        for (int i = 0; i < ids.length; i++) {
            InboundRecord record = records.get(i);
            insert.setLong(1, ids[i]);
            insert.setObject(2, OffsetDateTime.ofInstant(record.receivedAt(), ZoneOffset.UTC));
            insert.setString(3, record.listener());
            insert.setString(4, record.sender().subject());
            insert.setString(5, record.sender().serialHex());
            setNullable(insert, 6, record.sender().deviceEui64());
            insert.setString(7, record.messageType());
            insert.setString(8, record.controlId());
            setNullable(insert, 9, record.transaction());
            insert.setString(10, record.charset().name());
            insert.setString(11, MessageStatus.ACCEPTED.name());
            insert.setString(12, cipher.keyId());
            insert.setBytes(13, cipher.seal(ids[i], record.payloadUnsafe()));
            insert.addBatch();
        }
        insert.executeBatch();
    }

    private void insertPatients(long[] ids, List<InboundRecord> records) throws SQLException {
        boolean any = false;
        PreparedStatement insert = statements.patient();
        for (int i = 0; i < ids.length; i++) {
            List<String> patients = records.get(i).patientIds();
            for (int ordinal = 0; ordinal < patients.size(); ordinal++) {
                insert.setLong(1, ids[i]);
                insert.setInt(2, ordinal);
                insert.setString(3, patients.get(ordinal));
                insert.addBatch();
                any = true;
            }
        }
        if (any) {
            insert.executeBatch();
        }
    }

    private void insertDeliveries(long[] ids, List<InboundRecord> records) throws SQLException {
        boolean any = false;
        PreparedStatement insert = statements.delivery();
        for (int i = 0; i < ids.length; i++) {
            for (String destination : records.get(i).destinations()) {
                insert.setLong(1, ids[i]);
                insert.setString(2, destination);
                insert.addBatch();
                any = true;
            }
        }
        if (any) {
            insert.executeBatch();
        }
    }

    private void sync() throws SQLException {
        var sql = dialect.syncAfterCommitSql();
        if (sql.isPresent()) {
            statements.sync().execute(sql.get());
        }
    }

    private static void setNullable(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    /** Drops the connection (rolling back what it had not committed); a failure to close joins {@code cause}. */
    private void discard(Exception cause) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException closing) {
            cause.addSuppressed(closing);
        } finally {
            connection = null;
            statements = null;
        }
    }

    @Override
    public void close() throws SQLException {
        if (connection != null) {
            try {
                connection.close();
            } finally {
                connection = null;
                statements = null;
            }
        }
    }
}
