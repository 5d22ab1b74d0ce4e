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
 * orphaned. With retention, the walk starts after the latest cut, from the hash the cut signed, once
 * every cut's signature and their continuity from record 1 are checked. Stops at the first breach.
 * Reads through its own connection; the repository may be running; it checks the store as it was
 * when the walk began.
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
            // One snapshot for the cuts, checkpoints and records: a retention cut committed during the walk
            // must not look like deleted records.
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
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
        List<RetentionCut> cuts = AuditTables.cuts(connection);
        long total = count(connection);
        if (head.isEmpty() && (!checkpoints.isEmpty() || !cuts.isEmpty())) {
            return VerifyResult.broken(0, 0, 0, Breach.HEAD_FILE, 0, "the database holds " + checkpoints.size()
                    + " checkpoints and " + cuts.size() + " retention cuts but the head file " + HeadFile.FILE
                    + " is missing");
        }
        if (head.isPresent() && !key.verify(head.get())) {
            return VerifyResult.broken(0, 0, 0, Breach.BAD_SIGNATURE, 0,
                    "the head file's checkpoint signature does not verify");
        }
        VerifyResult badCut = checkCuts(cuts, key);
        if (badCut != null) {
            return badCut;
        }
        // The chain starts after the latest retention cut, from the hash it signed.
        long cutSeq = cuts.isEmpty() ? 0 : cuts.get(cuts.size() - 1).upToSeq();
        byte[] previous = cuts.isEmpty() ? CanonicalRecord.GENESIS : cuts.get(cuts.size() - 1).lastHash();
        if (head.isPresent() && head.get().seq() == cutSeq && !Arrays.equals(head.get().recordHash(), previous)) {
            return VerifyResult.broken(0, 0, cutSeq, Breach.CHECKPOINT_MISMATCH, 0, "the head file's checkpoint at"
                    + " record " + cutSeq + " differs from the retention cut that removed it");
        }
        checkpoints.keySet().removeIf(seq -> seq <= cutSeq); // removed with the records they covered
        long expected = cutSeq + 1;
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
                        return VerifyResult.broken(expected - 1 - cutSeq, checkpointsChecked, rs.getLong("seq"),
                                Breach.RECORD_ALTERED, rs.getLong("seq"), "record " + rs.getLong("seq")
                                        + " holds a value no writer produces (" + e.getMessage() + ")");
                    }
                    byte[] storedHash = rs.getBytes("hash");
                    long seq = stored.seq();
                    long checked = expected - 1 - cutSeq;
                    if (seq <= cutSeq) {
                        return VerifyResult.broken(checked, checkpointsChecked, seq, Breach.RETENTION_CUT, seq,
                                "record " + seq + " is still stored but the retention cut up to record " + cutSeq
                                        + " removed it");
                    }
                    if (seq != expected) {
                        return VerifyResult.broken(checked, checkpointsChecked, seq, Breach.RECORD_MISSING, expected,
                                seq > expected ? "records " + expected + " to " + (seq - 1) + " are missing (deleted"
                                        + (cuts.isEmpty() ? ")" : "; no retention cut covers them)")
                                        : "record " + seq + " appears out of order");
                    }
                    long orphan = cursor.skipBefore(seq);
                    if (orphan > 0) {
                        return VerifyResult.broken(checked, checkpointsChecked, seq, Breach.ORPHAN_INDEX, orphan,
                                "audit_index has rows for record " + orphan + ", which does not exist");
                    }
                    AuditRow row;
                    try {
                        row = stored.withIndex(cursor.take(seq));
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
                    if ((seq - cutSeq) % PROGRESS_EVERY == 0) {
                        progress.progress(seq - cutSeq, Math.max(total, seq - cutSeq));
                    }
                }
                long lastSeq = expected - 1;
                long checked = lastSeq - cutSeq;
                long signedEnd = Math.max(head.map(Checkpoint::seq).orElse(0L),
                        checkpoints.keySet().stream().mapToLong(Long::longValue).max().orElse(0L));
                if (signedEnd > lastSeq) {
                    return VerifyResult.broken(checked, checkpointsChecked, lastSeq, Breach.TAIL_TRUNCATED,
                            lastSeq + 1, "the chain ends at record " + lastSeq + " but a signed checkpoint covers"
                                    + " record " + signedEnd + ": records " + (lastSeq + 1) + " to " + signedEnd
                                    + " were deleted");
                }
                long orphan = cursor.skipBefore(Long.MAX_VALUE);
                if (orphan > 0) {
                    return VerifyResult.broken(checked, checkpointsChecked, lastSeq, Breach.ORPHAN_INDEX, orphan,
                            "audit_index has rows for record " + orphan + ", which does not exist");
                }
                progress.progress(checked, Math.max(total, checked));
                return VerifyResult.intact(checked, checkpointsChecked, lastSeq, cuts.size(), cutSeq);
            }
        }
    }

    /**
     * Each cut's signature, and that the cuts continue one another from record 1 and the genesis hash:
     * a deleted cut row leaves a gap, a cut row someone wrote has no valid signature.
     */
    private static VerifyResult checkCuts(List<RetentionCut> cuts, CheckpointKey key) {
        long nextFirst = 1;
        byte[] previous = CanonicalRecord.GENESIS;
        for (RetentionCut cut : cuts) {
            if (!cut.verifiesWith(key)) {
                return VerifyResult.broken(0, 0, cut.upToSeq(), Breach.BAD_SIGNATURE, 0, "the retention cut up to"
                        + " record " + cut.upToSeq() + " has a bad signature (or another key's)");
            }
            if (cut.firstSeq() != nextFirst || !Arrays.equals(cut.previousHash(), previous)) {
                return VerifyResult.broken(0, 0, cut.upToSeq(), Breach.RETENTION_CUT, nextFirst,
                        "the retention cut of records " + cut.firstSeq() + " to " + cut.upToSeq()
                                + " does not continue the one before it (which ends at record " + (nextFirst - 1)
                                + "): a retention cut row was deleted");
            }
            nextFirst = cut.upToSeq() + 1;
            previous = cut.lastHash();
        }
        return null;
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
}
