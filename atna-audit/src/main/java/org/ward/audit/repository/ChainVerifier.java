package org.ward.audit.repository;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ward.audit.repository.VerifyResult.Breach;

/**
 * Walks the whole chain in seq order and checks it (docs/AUDIT-REPOSITORY.md, "What verify detects"):
 * seqs are 1, 2, 3… without gaps; each record's hash recomputed from its columns and index rows
 * equals the stored one; at each checkpoint the chain hash equals the signed hash and the signature
 * verifies; no checkpoint and not the head file lie beyond the last record; no index row is
 * orphaned. Stops at the first breach. Reads through its own connection; the repository may be
 * running (records added meanwhile are checked if the walk reaches them).
 */
public final class ChainVerifier {

    private static final int FETCH_SIZE = 1000;
    private static final int PROGRESS_EVERY = 1000;

    private final AuditStoreConfig config;

    public ChainVerifier(AuditStoreConfig config) {
        this.config = config;
    }

    public VerifyResult verify(VerifyProgress progress) {
        CheckpointKey key;
        Optional<Checkpoint> head;
        try {
            key = CheckpointKey.verifyOnly(config.directory());
            head = new HeadFile(config.directory()).read();
        } catch (IOException | GeneralSecurityException e) {
            return VerifyResult.broken(0, 0, 0, Breach.UNVERIFIABLE, 0,
                    "cannot read the checkpoint public key or head file: " + e.getMessage());
        }
        try (Connection connection = AuditConnections.forReading(config).open()) {
            connection.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
            connection.setReadOnly(true);
            return walk(connection, key, head, progress);
        } catch (SQLException e) {
            return VerifyResult.broken(0, 0, 0, Breach.UNVERIFIABLE, 0,
                    "cannot read the audit repository database (SQLState " + e.getSQLState() + ")");
        }
    }

    private VerifyResult walk(Connection connection, CheckpointKey key, Optional<Checkpoint> head,
                              VerifyProgress progress) throws SQLException {
        Map<Long, Checkpoint> checkpoints = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(AuditTables.SELECT_CHECKPOINTS);
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                Checkpoint c = AuditTables.checkpoint(rs);
                checkpoints.put(c.seq(), c);
            }
        }
        long total = count(connection);
        if (head.isEmpty() && !checkpoints.isEmpty()) {
            return VerifyResult.broken(0, 0, 0, Breach.HEAD_FILE, 0, "the database holds " + checkpoints.size()
                    + " checkpoints but the head file " + HeadFile.FILE + " is missing");
        }
        if (head.isPresent() && !key.verify(head.get())) {
            return VerifyResult.broken(0, 0, 0, Breach.BAD_SIGNATURE, 0,
                    "the head file's checkpoint signature does not verify");
        }
        long expected = 1;
        byte[] previous = CanonicalRecord.GENESIS;
        int checkpointsChecked = 0;
        try (PreparedStatement records = connection.prepareStatement(AuditTables.SELECT_RECORDS + " ORDER BY seq");
             PreparedStatement index = connection.prepareStatement(
                     AuditTables.SELECT_INDEX + " ORDER BY seq, kind, ordinal")) {
            records.setFetchSize(FETCH_SIZE);
            index.setFetchSize(FETCH_SIZE);
            try (ResultSet rs = records.executeQuery(); ResultSet ix = index.executeQuery()) {
                IndexCursor cursor = new IndexCursor(ix);
                while (rs.next()) {
                    AuditRow stored;
                    try {
                        stored = AuditTables.rowWithoutIndex(rs);
                    } catch (IllegalArgumentException | NullPointerException e) {
                        // e.g. a status no writer produces, or a NOT NULL column emptied
                        return VerifyResult.broken(expected - 1, checkpointsChecked, rs.getLong("seq"),
                                Breach.RECORD_ALTERED, rs.getLong("seq"), "record " + rs.getLong("seq")
                                        + " holds a value no writer produces (" + e.getMessage() + ")");
                    }
                    byte[] storedHash = rs.getBytes("hash");
                    long seq = stored.seq();
                    long checked = expected - 1;
                    if (seq != expected) {
                        return VerifyResult.broken(checked, checkpointsChecked, seq, Breach.RECORD_MISSING, expected,
                                seq > expected ? "records " + expected + " to " + (seq - 1) + " are missing (deleted)"
                                        : "record " + seq + " appears out of order");
                    }
                    long orphan = cursor.skipBefore(seq);
                    if (orphan > 0) {
                        return VerifyResult.broken(checked, checkpointsChecked, seq, Breach.ORPHAN_INDEX, orphan,
                                "audit_index has rows for record " + orphan + ", which does not exist");
                    }
                    AuditRow row;
                    try {
                        row = withIndex(stored, cursor.take(seq));
                    } catch (IllegalArgumentException e) {
                        return VerifyResult.broken(checked, checkpointsChecked, seq, Breach.RECORD_ALTERED, seq,
                                "record " + seq + " has an index row no writer produces (" + e.getMessage() + ")");
                    }
                    byte[] computed = CanonicalRecord.chain(previous, row);
                    if (!Arrays.equals(computed, storedHash)) {
                        return VerifyResult.broken(checked, checkpointsChecked, seq, Breach.RECORD_ALTERED, seq,
                                "record " + seq + " does not match its hash (a column or index row was changed)");
                    }
                    Checkpoint checkpoint = checkpoints.get(seq);
                    if (checkpoint != null) {
                        VerifyResult failed = checkAgainst(checkpoint, key, computed, checked, checkpointsChecked,
                                seq, "checkpoint");
                        if (failed != null) {
                            return failed;
                        }
                        checkpointsChecked++;
                    }
                    if (head.isPresent() && head.get().seq() == seq) {
                        VerifyResult failed = checkAgainst(head.get(), key, computed, checked, checkpointsChecked,
                                seq, "head file");
                        if (failed != null) {
                            return failed;
                        }
                        if (checkpoint == null) {
                            return VerifyResult.broken(seq, checkpointsChecked, seq, Breach.HEAD_FILE, 0,
                                    "the head file's checkpoint at record " + seq
                                            + " is missing from audit_checkpoints (deleted)");
                        }
                    }
                    previous = computed;
                    expected = seq + 1;
                    if (seq % PROGRESS_EVERY == 0) {
                        progress.progress(seq, Math.max(total, seq));
                    }
                }
                long lastSeq = expected - 1;
                long signedEnd = Math.max(head.map(Checkpoint::seq).orElse(0L),
                        checkpoints.keySet().stream().mapToLong(Long::longValue).max().orElse(0L));
                if (signedEnd > lastSeq) {
                    return VerifyResult.broken(lastSeq, checkpointsChecked, lastSeq, Breach.TAIL_TRUNCATED,
                            lastSeq + 1, "the chain ends at record " + lastSeq + " but a signed checkpoint covers"
                                    + " record " + signedEnd + ": records " + (lastSeq + 1) + " to " + signedEnd
                                    + " were deleted");
                }
                long orphan = cursor.skipBefore(Long.MAX_VALUE);
                if (orphan > 0) {
                    return VerifyResult.broken(lastSeq, checkpointsChecked, lastSeq, Breach.ORPHAN_INDEX, orphan,
                            "audit_index has rows for record " + orphan + ", which does not exist");
                }
                progress.progress(lastSeq, Math.max(total, lastSeq));
                return VerifyResult.intact(lastSeq, checkpointsChecked, lastSeq);
            }
        }
    }

    private static VerifyResult checkAgainst(Checkpoint checkpoint, CheckpointKey key, byte[] computed, long checked,
                                             int checkpointsChecked, long seq, String what) {
        if (!key.verify(checkpoint)) {
            return VerifyResult.broken(checked, checkpointsChecked, seq, Breach.BAD_SIGNATURE, 0,
                    "the " + what + " at record " + seq + " has a bad signature (or another key's)");
        }
        if (!Arrays.equals(computed, checkpoint.recordHash())) {
            return VerifyResult.broken(checked, checkpointsChecked, seq, Breach.CHECKPOINT_MISMATCH, 0,
                    "the chain at record " + seq + " differs from the " + what + " signed at "
                            + checkpoint.signedAt() + ": records up to " + seq + " were altered and rehashed");
        }
        return null;
    }

    private static long count(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM audit_records");
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static AuditRow withIndex(AuditRow row, List<IndexEntry> index) {
        return new AuditRow(row.seq(), row.receivedAt(), row.source(), row.status(), row.problem(),
                row.syslogTime(), row.hostname(), row.appName(), row.msgId(), row.eventId(), row.eventAction(),
                row.eventOutcome(), row.eventTime(), row.rawUnsafe(), index);
    }

    /** The index scan, one row ahead, merged with the record scan by seq. */
    private static final class IndexCursor {
        private final ResultSet rs;
        private boolean hasRow;

        IndexCursor(ResultSet rs) throws SQLException {
            this.rs = rs;
            this.hasRow = rs.next();
        }

        /** @return the seq of the first index row before {@code seq} (an orphan), or 0 */
        long skipBefore(long seq) throws SQLException {
            if (hasRow && rs.getLong("seq") < seq) {
                return rs.getLong("seq");
            }
            return 0;
        }

        List<IndexEntry> take(long seq) throws SQLException {
            List<IndexEntry> entries = new ArrayList<>();
            while (hasRow && rs.getLong("seq") == seq) {
                String kind = rs.getString("kind");
                entries.add(new IndexEntry(IndexKind.of(kind.charAt(0)), rs.getInt("ordinal"), rs.getString("val")));
                hasRow = rs.next();
            }
            return entries;
        }
    }
}
