package org.ward.audit.repository;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The SQL of the repository's tables, in one place; no state. */
final class AuditTables {

    static final String INSERT_RECORD = "INSERT INTO audit_records (seq, received_at, source, status, problem,"
            + " syslog_time, hostname, app_name, msg_id, event_id, event_action, event_outcome, event_time, raw, hash)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String INSERT_INDEX = "INSERT INTO audit_index (seq, kind, ordinal, val) VALUES (?, ?, ?, ?)";
    static final String INSERT_CHECKPOINT = "INSERT INTO audit_checkpoints (seq, record_hash, signed_at, key_id,"
            + " signature) VALUES (?, ?, ?, ?, ?)";
    static final String SELECT_RECORDS = "SELECT seq, received_at, source, status, problem, syslog_time, hostname,"
            + " app_name, msg_id, event_id, event_action, event_outcome, event_time, raw, hash FROM audit_records";
    static final String SELECT_INDEX = "SELECT seq, kind, ordinal, val FROM audit_index";
    static final String SELECT_CHECKPOINTS = "SELECT seq, record_hash, signed_at, key_id, signature"
            + " FROM audit_checkpoints ORDER BY seq";
    static final String CUTS_TABLE = "audit_retention_cuts";
    static final String INSERT_CUT = "INSERT INTO audit_retention_cuts (first_seq, up_to_seq, previous_hash,"
            + " last_hash, archive_name, archive_sha256, cut_at, key_id, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String SELECT_CUTS = "SELECT first_seq, up_to_seq, previous_hash, last_hash, archive_name,"
            + " archive_sha256, cut_at, key_id, signature FROM audit_retention_cuts ORDER BY up_to_seq";

    private AuditTables() {
    }

    /** A stored row and the chain hash stored with it. */
    record Chained(AuditRow row, byte[] hash) {
    }

    static void insert(Connection connection, List<Chained> rows) throws SQLException {
        try (PreparedStatement records = connection.prepareStatement(INSERT_RECORD);
             PreparedStatement index = connection.prepareStatement(INSERT_INDEX)) {
            boolean anyIndex = false;
            for (Chained chained : rows) {
                AuditRow r = chained.row();
                records.setLong(1, r.seq());
                records.setObject(2, time(r.receivedAt()));
                records.setString(3, r.source());
                records.setString(4, r.status().name());
                records.setString(5, r.problem());
                records.setString(6, r.syslogTime());
                records.setString(7, r.hostname());
                records.setString(8, r.appName());
                records.setString(9, r.msgId());
                records.setString(10, r.eventId());
                records.setString(11, r.eventAction());
                records.setString(12, r.eventOutcome());
                if (r.eventTime() == null) {
                    records.setNull(13, Types.TIMESTAMP_WITH_TIMEZONE);
                } else {
                    records.setObject(13, time(r.eventTime()));
                }
                records.setBytes(14, r.rawUnsafe());
                records.setBytes(15, chained.hash());
                records.addBatch();
                for (IndexEntry e : r.index()) {
                    index.setLong(1, r.seq());
                    index.setString(2, String.valueOf(e.kind().code()));
                    index.setInt(3, e.ordinal());
                    index.setString(4, e.value());
                    index.addBatch();
                    anyIndex = true;
                }
            }
            records.executeBatch();
            if (anyIndex) {
                index.executeBatch();
            }
        }
    }

    static void insert(Connection connection, Checkpoint checkpoint) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(INSERT_CHECKPOINT)) {
            statement.setLong(1, checkpoint.seq());
            statement.setBytes(2, checkpoint.recordHash());
            statement.setObject(3, time(checkpoint.signedAt()));
            statement.setString(4, checkpoint.keyId());
            statement.setBytes(5, checkpoint.signature());
            statement.executeUpdate();
        }
    }

    /** The last record's seq and hash, or empty for an empty store. */
    static Optional<Chained> last(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                SELECT_RECORDS + " WHERE seq = (SELECT MAX(seq) FROM audit_records)");
             ResultSet rs = statement.executeQuery()) {
            return rs.next() ? Optional.of(new Chained(rowWithoutIndex(rs), rs.getBytes("hash"))) : Optional.empty();
        }
    }

    /**
     * Where the chain goes on from: the last record, or when retention removed every record, the
     * latest cut; and the highest seq a signature covers (checkpoint or cut).
     */
    record Head(long seq, byte[] hash, long signedSeq) {
    }

    static Head head(Connection connection) throws SQLException {
        Optional<Chained> last = last(connection);
        Optional<RetentionCut> cut = latestCut(connection);
        long cutSeq = cut.map(RetentionCut::upToSeq).orElse(0L);
        long signedSeq = Math.max(cutSeq, lastCheckpoint(connection).map(Checkpoint::seq).orElse(0L));
        if (last.isPresent() && last.get().row().seq() > cutSeq) {
            return new Head(last.get().row().seq(), last.get().hash(), signedSeq);
        }
        return cut.map(c -> new Head(c.upToSeq(), c.lastHash(), signedSeq))
                .orElseGet(() -> new Head(0, CanonicalRecord.GENESIS, signedSeq));
    }

    static void insert(Connection connection, RetentionCut cut) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(INSERT_CUT)) {
            statement.setLong(1, cut.firstSeq());
            statement.setLong(2, cut.upToSeq());
            statement.setBytes(3, cut.previousHash());
            statement.setBytes(4, cut.lastHash());
            statement.setString(5, cut.archiveName());
            statement.setBytes(6, cut.archiveSha256());
            statement.setObject(7, time(cut.cutAt()));
            statement.setString(8, cut.keyId());
            statement.setBytes(9, cut.signature());
            statement.executeUpdate();
        }
    }

    /**
     * Every retention cut, oldest first; empty when there is none or the table does not exist yet
     * (a database last opened by a Ward without retention, read by a newer verifier).
     */
    static List<RetentionCut> cuts(Connection connection) throws SQLException {
        if (!hasCutsTable(connection)) {
            return List.of();
        }
        List<RetentionCut> cuts = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(SELECT_CUTS);
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                cuts.add(new RetentionCut(rs.getLong("first_seq"), rs.getLong("up_to_seq"),
                        rs.getBytes("previous_hash"), rs.getBytes("last_hash"), rs.getString("archive_name"),
                        rs.getBytes("archive_sha256"), instant(rs, "cut_at"), rs.getString("key_id"),
                        rs.getBytes("signature")));
            }
        }
        return cuts;
    }

    static Optional<RetentionCut> latestCut(Connection connection) throws SQLException {
        List<RetentionCut> cuts = cuts(connection);
        return cuts.isEmpty() ? Optional.empty() : Optional.of(cuts.get(cuts.size() - 1));
    }

    private static boolean hasCutsTable(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        // H2 folds unquoted names to upper case, PostgreSQL to lower case.
        for (String name : new String[] {CUTS_TABLE, CUTS_TABLE.toUpperCase(Locale.ROOT)}) {
            try (ResultSet rs = meta.getTables(null, null, name, new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The checkpoint with the highest seq, or empty. */
    static Optional<Checkpoint> lastCheckpoint(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SELECT_CHECKPOINTS
                .replace("ORDER BY seq", "WHERE seq = (SELECT MAX(seq) FROM audit_checkpoints)"));
             ResultSet rs = statement.executeQuery()) {
            return rs.next() ? Optional.of(checkpoint(rs)) : Optional.empty();
        }
    }

    /** Reads the current {@link #SELECT_RECORDS} row; its index rows are added by the caller. */
    static AuditRow rowWithoutIndex(ResultSet rs) throws SQLException {
        return new AuditRow(rs.getLong("seq"), instant(rs, "received_at"), rs.getString("source"),
                RecordStatus.valueOf(rs.getString("status")), rs.getString("problem"), rs.getString("syslog_time"),
                rs.getString("hostname"), rs.getString("app_name"), rs.getString("msg_id"), rs.getString("event_id"),
                rs.getString("event_action"), rs.getString("event_outcome"), instant(rs, "event_time"),
                rs.getBytes("raw"), List.of());
    }

    static Checkpoint checkpoint(ResultSet rs) throws SQLException {
        return new Checkpoint(rs.getLong("seq"), rs.getBytes("record_hash"), instant(rs, "signed_at"),
                rs.getString("key_id"), rs.getBytes("signature"));
    }

    static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
