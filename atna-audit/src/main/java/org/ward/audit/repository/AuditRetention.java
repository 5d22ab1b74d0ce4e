package org.ward.audit.repository;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention for the audit repository (issue 8: "nothing is deleted by default; an optional retention
 * period exports records to a signed archive file before removing them, and the chain stays
 * verifiable across the cut"). One run:
 * <ol>
 * <li>picks the cut: the latest signed checkpoint after the previous cut such that every record up
 *     to it was received before {@code cutoff}; records after the last checkpoint are never removed;
 * <li>exports those records to an {@link AuditArchive} in {@code archiveDirectory}, checking each
 *     one's hash against the chain and the checkpoint's signature on the way (a tampered store is
 *     never archived and cut: the run fails instead), fsyncs the file and the directory;
 * <li>in one transaction inserts a signed {@link RetentionCut} and deletes the records, their index
 *     rows and the checkpoints up to the cut.
 * </ol>
 * A run that dies after step 2 leaves the archive under its final name; the next run finds it,
 * verifies it and completes the cut with it. A run that dies in step 3 has changed nothing.
 *
 * <p>Uses its own connection, so it runs beside a repository in the same JVM (H2 in embedded mode is
 * shared within the process) or from a CLI process while the repository is stopped (H2 locks its
 * file to one process); on PostgreSQL either way. Runs in one JVM are serialized; runs in two
 * processes cannot both commit a cut from the same base (unique {@code first_seq}).
 *
 * <pre>{@code
 * Instant cutoff = RetentionPeriod.parse("P7Y").cutoff(Instant.now());
 * RetentionResult r = AuditRetention.apply(AuditStoreConfig.h2(dataDir), cutoff, dataDir.resolve("audit-archive"));
 * log.info(r.describe());
 * }</pre>
 */
public final class AuditRetention {

    private static final Logger LOG = LoggerFactory.getLogger(AuditRetention.class);
    private static final Object LOCK = new Object();
    private static final int FETCH_SIZE = 1000;

    private AuditRetention() {
    }

    /** The default archive directory, {@code <data-dir>/audit-archive}. */
    public static Path defaultArchiveDirectory(Path dataDir) {
        return dataDir.toAbsolutePath().resolve("audit-archive");
    }

    /** Removes what was received before {@code cutoff}; see the class comment. */
    public static RetentionResult apply(AuditStoreConfig store, Instant cutoff, Path archiveDirectory)
            throws RetentionException {
        return apply(store, cutoff, archiveDirectory, Clock.systemUTC());
    }

    /**
     * @param clock the time written into the cut row and the manifest
     * @throws IllegalArgumentException if {@code cutoff} lies after the clock's now
     * @throws RetentionException if nothing could be removed safely; no record is lost then
     */
    public static RetentionResult apply(AuditStoreConfig store, Instant cutoff, Path archiveDirectory, Clock clock)
            throws RetentionException {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(cutoff, "cutoff");
        Objects.requireNonNull(archiveDirectory, "archiveDirectory");
        Objects.requireNonNull(clock, "clock");
        if (cutoff.isAfter(clock.instant())) {
            throw new IllegalArgumentException("the retention cutoff " + cutoff + " lies in the future");
        }
        synchronized (LOCK) {
            return new Run(store, archiveDirectory.toAbsolutePath(), clock).apply(cutoff);
        }
    }

    /** Where the chain stands before this run: the latest cut's last record and hash, or the genesis. */
    private record Base(long seq, byte[] hash) {
    }

    /** What was archived: the file, its SHA-256, its last record and that record's hash. */
    private record Archived(Path file, byte[] sha256, long lastSeq, byte[] lastHash, boolean resumed) {
    }

    private static final class Run {
        private final AuditStoreConfig store;
        private final Path directory;
        private final Clock clock;
        private CheckpointKey key;
        private AuditConnections connections;

        Run(AuditStoreConfig store, Path directory, Clock clock) {
            this.store = store;
            this.directory = directory;
            this.clock = clock;
        }

        RetentionResult apply(Instant cutoff) throws RetentionException {
            try {
                key = CheckpointKey.load(store.directory());
            } catch (IOException | GeneralSecurityException e) {
                throw new RetentionException("cannot load the audit checkpoint key from " + store.directory()
                        + ": " + e.getMessage(), e);
            }
            connections = AuditConnections.forReading(store); // never creates an H2 database
            try {
                connections.migrate(); // a no-op when the repository has run this Ward; adds the cuts table otherwise
            } catch (RuntimeException e) {
                throw new RetentionException("cannot migrate the audit repository schema: " + e.getMessage(), e);
            }
            try (Connection connection = connections.open()) {
                connection.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
                Base base = base(connection);
                long upTo = cutPoint(connection, base, cutoff);
                connection.commit();
                if (upTo == 0) {
                    return RetentionResult.nothing();
                }
                Optional<Archived> pending = pending(connection, base, upTo);
                Archived archived = pending.isPresent() ? pending.get() : export(connection, base, upTo);
                long cutTo = archived.lastSeq(); // at most upTo: a resumed archive may end earlier
                cut(connection, base, cutTo, archived);
                RetentionResult result = new RetentionResult(archived.resumed() ? RetentionResult.Outcome.RESUMED
                        : RetentionResult.Outcome.CUT, base.seq() + 1, cutTo, Optional.of(archived.file()));
                LOG.info(result.describe());
                return result;
            } catch (SQLException e) {
                throw new RetentionException("audit retention failed in the database (SQLState " + e.getSQLState()
                        + "); nothing was removed", e);
            } catch (IOException e) {
                throw new RetentionException("audit retention could not write its archive in " + directory
                        + " (" + e.getMessage() + "); nothing was removed", e);
            } catch (GeneralSecurityException e) {
                throw new RetentionException("audit retention could not sign (" + e.getMessage()
                        + "); nothing was removed", e);
            }
        }

        private Base base(Connection connection) throws SQLException, RetentionException {
            Optional<RetentionCut> latest = AuditTables.latestCut(connection);
            if (latest.isEmpty()) {
                return new Base(0, CanonicalRecord.GENESIS);
            }
            if (!latest.get().verifiesWith(key)) {
                throw new RetentionException("the latest retention cut (up to record " + latest.get().upToSeq()
                        + ") has a bad signature; run ward audit verify; nothing was removed");
            }
            return new Base(latest.get().upToSeq(), latest.get().lastHash());
        }

        /** The latest checkpoint after the base with no record at or after the cutoff before it; 0 if none. */
        private long cutPoint(Connection connection, Base base, Instant cutoff) throws SQLException {
            long firstYoung = Long.MAX_VALUE;
            try (PreparedStatement s = connection.prepareStatement(
                    "SELECT MIN(seq) FROM audit_records WHERE seq > ? AND received_at >= ?")) {
                s.setLong(1, base.seq());
                s.setObject(2, AuditTables.time(cutoff));
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next() && rs.getObject(1) != null) {
                        firstYoung = rs.getLong(1);
                    }
                }
            }
            try (PreparedStatement s = connection.prepareStatement(
                    "SELECT MAX(seq) FROM audit_checkpoints WHERE seq > ? AND seq < ?")) {
                s.setLong(1, base.seq());
                s.setLong(2, firstYoung);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0; // getLong of NULL is 0
                }
            }
        }

        /**
         * An archive an interrupted run left for the same first record, within what may be removed now,
         * that verifies and ends at the hash the store has for its last record.
         */
        private Optional<Archived> pending(Connection connection, Base base, long upTo)
                throws IOException, SQLException {
            if (!Files.isDirectory(directory)) {
                return Optional.empty();
            }
            List<Path> candidates;
            try (Stream<Path> files = Files.list(directory)) {
                candidates = files.filter(f -> AuditArchive.SeqRange.of(f.getFileName().toString())
                                .filter(r -> r.first() == base.seq() + 1).isPresent())
                        .sorted(Comparator.comparing((Path f) -> f.getFileName().toString()).reversed())
                        .toList();
            }
            for (Path file : candidates) {
                long last = AuditArchive.SeqRange.of(file.getFileName().toString()).orElseThrow().last();
                if (last > upTo) {
                    LOG.warn("audit retention: {} reaches beyond what may be removed now (record {}); left alone",
                            file, upTo);
                    continue;
                }
                VerifyResult verified = AuditArchive.verify(file, key.publicKey());
                if (!verified.intact()) {
                    LOG.warn("audit retention: {} does not verify, left alone: {}", file, verified.describe());
                    continue;
                }
                ArchiveManifest manifest = AuditArchive.manifest(file);
                Optional<byte[]> stored = storedHash(connection, last);
                connection.commit();
                if (manifest.firstSeq() != base.seq() + 1 || manifest.lastSeq() != last
                        || !Arrays.equals(manifest.previousHash(), base.hash()) || stored.isEmpty()
                        || !Arrays.equals(stored.get(), manifest.lastHash())) {
                    LOG.warn("audit retention: {} does not match the store's chain; left alone", file);
                    continue;
                }
                LOG.info("audit retention: completing the cut of {} left by an interrupted run", file);
                return Optional.of(new Archived(file, sha256(file), last, manifest.lastHash(), true));
            }
            return Optional.empty();
        }

        /** Streams records base+1..upTo into a new archive, checking the chain as it goes. */
        private Archived export(Connection connection, Base base, long upTo)
                throws SQLException, IOException, GeneralSecurityException, RetentionException {
            Path target = directory.resolve(AuditArchive.fileName(base.seq() + 1, upTo));
            if (Files.exists(target)) {
                throw new RetentionException("the archive " + target + " already exists but does not verify against"
                        + " this store; move it away and investigate; nothing was removed");
            }
            byte[] previous = base.hash();
            long expected = base.seq() + 1;
            try (ArchiveWriter writer = new ArchiveWriter(directory, base.seq() + 1, upTo, base.hash());
                 PreparedStatement records = connection.prepareStatement(
                         AuditTables.SELECT_RECORDS + " WHERE seq > ? AND seq <= ? ORDER BY seq");
                 PreparedStatement index = connection.prepareStatement(
                         AuditTables.SELECT_INDEX + " WHERE seq > ? AND seq <= ? ORDER BY seq, kind, ordinal")) {
                for (PreparedStatement s : List.of(records, index)) {
                    s.setLong(1, base.seq());
                    s.setLong(2, upTo);
                    s.setFetchSize(FETCH_SIZE);
                }
                try (ResultSet rs = records.executeQuery(); ResultSet ix = index.executeQuery()) {
                    IndexCursor cursor = new IndexCursor(ix);
                    while (rs.next()) {
                        long seq = rs.getLong("seq");
                        if (seq != expected || cursor.skipBefore(seq) > 0) {
                            throw tampered("record " + expected + " is missing or has orphaned index rows");
                        }
                        AuditRow row;
                        try {
                            row = AuditTables.rowWithoutIndex(rs).withIndex(cursor.take(seq));
                        } catch (IllegalArgumentException | NullPointerException e) {
                            throw tampered("record " + seq + " holds a value no writer produces");
                        }
                        byte[] hash = CanonicalRecord.chain(previous, row);
                        if (!Arrays.equals(hash, rs.getBytes("hash"))) {
                            throw tampered("record " + seq + " does not match its hash");
                        }
                        writer.add(row, hash);
                        previous = hash;
                        expected++;
                    }
                    if (expected != upTo + 1 || cursor.skipBefore(Long.MAX_VALUE) > 0) {
                        throw tampered("records " + expected + " to " + upTo + " are missing, or index rows orphaned");
                    }
                }
                Checkpoint checkpoint = checkpoint(connection, upTo);
                if (!key.verify(checkpoint) || !Arrays.equals(checkpoint.recordHash(), previous)) {
                    throw tampered("the checkpoint at record " + upTo + " does not sign the chain's hash");
                }
                connection.commit();
                byte[] sha256 = writer.finish(key, checkpoint, clock.instant());
                return new Archived(writer.target(), sha256, upTo, previous, false);
            }
        }

        /** Records the signed cut and removes what it covers, in one transaction. */
        private void cut(Connection connection, Base base, long upTo, Archived archived)
                throws SQLException, GeneralSecurityException, RetentionException {
            try {
                Optional<RetentionCut> latest = AuditTables.latestCut(connection);
                if (latest.map(RetentionCut::upToSeq).orElse(0L) != base.seq()) {
                    throw new RetentionException("another retention run cut the store meanwhile; nothing was removed"
                            + " by this one");
                }
                Optional<byte[]> stored = storedHash(connection, upTo);
                if (stored.isEmpty() || !Arrays.equals(stored.get(), archived.lastHash())) {
                    throw tampered("record " + upTo + " changed after it was archived");
                }
                RetentionCut cut = RetentionCut.sign(key, base.seq() + 1, upTo, base.hash(), archived.lastHash(),
                        archived.file().getFileName().toString(), archived.sha256(), clock.instant());
                AuditTables.insert(connection, cut);
                delete(connection, "DELETE FROM audit_index WHERE seq <= ?", upTo);
                long removed = delete(connection, "DELETE FROM audit_records WHERE seq <= ?", upTo);
                if (removed != cut.count()) {
                    throw tampered("the store held " + removed + " records up to " + upTo + ", not " + cut.count());
                }
                delete(connection, "DELETE FROM audit_checkpoints WHERE seq <= ?", upTo);
                connection.commit();
                connections.syncAfterCommit(connection);
            } catch (SQLException | GeneralSecurityException | RetentionException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }

        private static long delete(Connection connection, String sql, long upTo) throws SQLException {
            try (PreparedStatement s = connection.prepareStatement(sql)) {
                s.setLong(1, upTo);
                return s.executeUpdate();
            }
        }

        private static Optional<byte[]> storedHash(Connection connection, long seq) throws SQLException {
            try (PreparedStatement s = connection.prepareStatement("SELECT hash FROM audit_records WHERE seq = ?")) {
                s.setLong(1, seq);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
                }
            }
        }

        private static Checkpoint checkpoint(Connection connection, long seq) throws SQLException,
                RetentionException {
            try (PreparedStatement s = connection.prepareStatement(AuditTables.SELECT_CHECKPOINTS
                    .replace("ORDER BY seq", "WHERE seq = ?"))) {
                s.setLong(1, seq);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        throw tampered("the checkpoint at record " + seq + " disappeared");
                    }
                    return AuditTables.checkpoint(rs);
                }
            }
        }

        private static byte[] sha256(Path file) throws IOException {
            var digest = CanonicalRecord.sha256();
            try (var in = Files.newInputStream(file)) {
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    digest.update(buffer, 0, n);
                }
            }
            return digest.digest();
        }

        private static RetentionException tampered(String what) {
            return new RetentionException("the audit chain does not verify where retention would cut (" + what
                    + "); nothing was removed: run ward audit verify");
        }
    }
}
