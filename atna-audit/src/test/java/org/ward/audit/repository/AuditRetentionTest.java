package org.ward.audit.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ward.audit.repository.RetentionResult.Outcome;
import org.ward.audit.repository.VerifyResult.Breach;

/**
 * Retention on a real H2 store: records old enough and covered by a signed checkpoint go to a signed
 * archive and out of the store; the chain verifies across the cut; an interrupted run completes; a
 * cut row deleted or forged, or records deleted without one, is detected.
 *
 * <p>The template store is filled in four sessions, each closed, so the checkpoints (signed on close)
 * fall at known seqs: records 1–10 received 2020-01-01 (checkpoint 10), 11–20 on 2020-01-02
 * (checkpoint 20), 21–25 on 2020-01-03 (checkpoint 25), 26–30 today (checkpoint 30).
 */
class AuditRetentionTest {

    private static final Instant DAY_1 = Instant.parse("2020-01-01T00:00:00Z");
    private static final Instant DAY_2 = Instant.parse("2020-01-02T00:00:00Z");
    private static final Instant DAY_3 = Instant.parse("2020-01-03T00:00:00Z");
    /** Records 1–20 are older; 21 is the first younger one. */
    private static final Instant AFTER_DAY_2 = Instant.parse("2020-01-02T12:00:00Z");

    @TempDir
    static Path template;

    @TempDir
    Path dataDir;

    private AuditStoreConfig config;
    private Path archives;

    @BeforeAll
    static void fillTemplate() throws Exception {
        AuditStoreConfig filled = config(template);
        fill(filled, 1, 10, DAY_1);
        fill(filled, 11, 20, DAY_2);
        fill(filled, 21, 25, DAY_3);
        fill(filled, 26, 30, Instant.now().minusSeconds(60));
    }

    private static void fill(AuditStoreConfig config, int from, int to, Instant receivedAt) throws Exception {
        try (AuditStore store = AuditStore.open(config, new RepositoryStats(), Clock.systemUTC())) {
            for (int i = from; i <= to; i++) {
                store.append(Records.importRow("PAT-" + i + "^^^HOSP&1.2.3&ISO^MR", "MSG-" + i,
                        receivedAt.plusSeconds(i)));
            }
        }
    }

    @BeforeEach
    void copyTemplate() throws Exception {
        copyTree(template, dataDir);
        config = config(dataDir);
        archives = AuditRetention.defaultArchiveDirectory(dataDir);
    }

    private static AuditStoreConfig config(Path dir) {
        // checkpoint-every is large: the only checkpoints are those signed on close.
        return AuditStoreConfig.h2(dir).withCheckpoints(1_000, Duration.ofHours(1)).withMaxBatchRows(5);
    }

    @Test
    void theTemplateHasCheckpointsWhereTheSessionsClosed() throws Exception {
        assertThat(longs("SELECT seq FROM audit_checkpoints ORDER BY seq")).containsExactly(10L, 20L, 25L, 30L);
    }

    @Test
    void oldRecordsGoToASignedArchiveAndTheChainVerifiesAcrossTheCut() throws Exception {
        List<AuditRow> before = rows(1, 20);

        RetentionResult result = AuditRetention.apply(config, AFTER_DAY_2, archives);

        assertThat(result.outcome()).isEqualTo(Outcome.CUT);
        assertThat(result.firstSeq()).isEqualTo(1);
        assertThat(result.upToSeq()).isEqualTo(20);
        assertThat(result.recordsRemoved()).isEqualTo(20);
        Path archive = archives.resolve("ward-audit-000000000001-000000000020.zip");
        assertThat(result.archive()).contains(archive);
        assertThat(Files.getPosixFilePermissions(archive)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(archives)).isEqualTo(PosixFilePermissions.fromString("rwx------"));

        // The archive: every record whole, in order, with its index rows and hash; the manifest says so.
        List<ArchiveJson.Line> lines = archivedLines(archive);
        assertThat(lines).extracting(l -> l.row()).containsExactlyElementsOf(before);
        assertThat(Records.text(lines.get(4).row().raw())).contains("PAT-5^^^HOSP&amp;1.2.3&amp;ISO^MR");
        assertThat(lines.get(4).row().values(IndexKind.PATIENT_ID)).containsExactly("PAT-5^^^HOSP&1.2.3&ISO^MR", "PAT-5");
        ArchiveManifest manifest = AuditArchive.manifest(archive);
        assertThat(manifest.firstSeq()).isEqualTo(1);
        assertThat(manifest.lastSeq()).isEqualTo(20);
        assertThat(manifest.count()).isEqualTo(20);
        assertThat(manifest.previousHash()).isEqualTo(CanonicalRecord.GENESIS);
        assertThat(manifest.lastHash()).isEqualTo(lines.get(19).hash());
        assertThat(manifest.checkpoint().seq()).isEqualTo(20);
        assertThat(AuditArchive.verify(archive, config.directory()).intact()).isTrue();

        // The store: records, index rows and checkpoints up to 20 gone, the rest untouched, one cut row.
        assertThat(longs("SELECT seq FROM audit_records ORDER BY seq")).containsExactly(
                21L, 22L, 23L, 24L, 25L, 26L, 27L, 28L, 29L, 30L);
        assertThat(longs("SELECT COUNT(*) FROM audit_index WHERE seq <= 20")).containsExactly(0L);
        assertThat(longs("SELECT seq FROM audit_checkpoints ORDER BY seq")).containsExactly(25L, 30L);
        assertThat(longs("SELECT up_to_seq FROM audit_retention_cuts")).containsExactly(20L);
        assertThat(strings("SELECT archive_name FROM audit_retention_cuts")).containsExactly(archive.getFileName().toString());
        assertThat(bytes("SELECT archive_sha256 FROM audit_retention_cuts")).isEqualTo(sha256(archive));
        assertThat(bytes("SELECT last_hash FROM audit_retention_cuts")).isEqualTo(manifest.lastHash());

        VerifyResult verified = AuditRepository.verify(config, VerifyProgress.NONE);
        assertThat(verified.intact()).as(verified.describe()).isTrue();
        assertThat(verified.recordsChecked()).isEqualTo(10);
        assertThat(verified.lastSeq()).isEqualTo(30);
        assertThat(verified.describe()).contains("records 1 to 20 removed by 1 signed retention cuts");
    }

    @Test
    void theCutEndsAtTheLastCheckpointBeforeTheFirstYoungRecord() throws Exception {
        // Records 1–20 and 21–22 are old enough, but the checkpoint after 20 is at 25.
        RetentionResult result = AuditRetention.apply(config, DAY_3.plusSeconds(23), archives);

        assertThat(result.upToSeq()).isEqualTo(20);
        assertThat(longs("SELECT MIN(seq) FROM audit_records")).containsExactly(21L);
    }

    @Test
    void nothingIsRemovedWhenNoRecordIsOldEnough() throws Exception {
        RetentionResult result = AuditRetention.apply(config, DAY_1, archives);

        assertThat(result.outcome()).isEqualTo(Outcome.NOTHING_TO_REMOVE);
        assertThat(result.recordsRemoved()).isZero();
        assertThat(result.archive()).isEmpty();
        assertThat(longs("SELECT COUNT(*) FROM audit_records")).containsExactly(30L);
        assertThat(archives).doesNotExist();
    }

    @Test
    void nothingIsRemovedWhenOldRecordsAreNotCoveredByACheckpointYet() throws Exception {
        // Records 1–5 are older than the cutoff, but the first checkpoint is at 10.
        RetentionResult result = AuditRetention.apply(config, DAY_1.plusSeconds(6), archives);

        assertThat(result.outcome()).isEqualTo(Outcome.NOTHING_TO_REMOVE);
        assertThat(longs("SELECT COUNT(*) FROM audit_records")).containsExactly(30L);
    }

    @Test
    void recordsAfterTheLastCheckpointAreKeptEvenWhenOld() throws Exception {
        // As after a crash: records 31–33 committed (received long ago), no checkpoint signed for them.
        appendWithoutCheckpoint(3, DAY_1);

        RetentionResult result = AuditRetention.apply(config, Instant.now(), archives);

        assertThat(result.upToSeq()).isEqualTo(30);
        assertThat(longs("SELECT seq FROM audit_records ORDER BY seq")).containsExactly(31L, 32L, 33L);
        VerifyResult verified = AuditRepository.verify(config, VerifyProgress.NONE);
        assertThat(verified.intact()).as(verified.describe()).isTrue();
        assertThat(verified.lastSeq()).isEqualTo(33);
    }

    @Test
    void whenEveryRecordWasCutTheWriterContinuesTheChainFromTheCut() throws Exception {
        AuditRetention.apply(config, Instant.now(), archives);
        assertThat(longs("SELECT COUNT(*) FROM audit_records")).containsExactly(0L);
        VerifyResult empty = AuditRepository.verify(config, VerifyProgress.NONE);
        assertThat(empty.intact()).as(empty.describe()).isTrue();
        assertThat(empty.lastSeq()).isEqualTo(30);

        try (AuditStore store = AuditStore.open(config, new RepositoryStats(), Clock.systemUTC())) {
            assertThat(store.lastSeq()).isEqualTo(30);
            store.append(Records.importRow("PAT-31", "MSG-31"));
        }

        VerifyResult verified = AuditRepository.verify(config, VerifyProgress.NONE);
        assertThat(verified.intact()).as(verified.describe()).isTrue();
        assertThat(verified.lastSeq()).isEqualTo(31);
        assertThat(verified.recordsChecked()).isEqualTo(1);
    }

    @Test
    void aSecondCutContinuesTheFirstAndBothArchivesChain() throws Exception {
        RetentionResult first = AuditRetention.apply(config, AFTER_DAY_2, archives);
        RetentionResult second = AuditRetention.apply(config, Instant.now(), archives);

        assertThat(second.firstSeq()).isEqualTo(21);
        assertThat(second.upToSeq()).isEqualTo(30);
        ArchiveManifest m1 = AuditArchive.manifest(first.archive().orElseThrow());
        ArchiveManifest m2 = AuditArchive.manifest(second.archive().orElseThrow());
        assertThat(m2.previousHash()).isEqualTo(m1.lastHash());
        assertThat(AuditArchive.verify(second.archive().orElseThrow(), config.directory()).intact()).isTrue();
        VerifyResult verified = AuditRepository.verify(config, VerifyProgress.NONE);
        assertThat(verified.intact()).as(verified.describe()).isTrue();
        assertThat(verified.describe()).contains("records 1 to 30 removed by 2 signed retention cuts");
        assertThat(AuditRetention.apply(config, Instant.now(), archives).outcome())
                .isEqualTo(Outcome.NOTHING_TO_REMOVE);
    }

    @Test
    void retentionRunsBesideARunningRepositoryInTheSameJvm() throws Exception {
        try (AuditStore store = AuditStore.open(config, new RepositoryStats(), Clock.systemUTC())) {
            store.append(Records.importRow("PAT-31", "MSG-31"));
            RetentionResult result = AuditRetention.apply(config, AFTER_DAY_2, archives);
            assertThat(result.upToSeq()).isEqualTo(20);
            for (int i = 32; i <= 35; i++) {
                store.append(Records.importRow("PAT-" + i, "MSG-" + i));
            }
        }
        VerifyResult verified = AuditRepository.verify(config, VerifyProgress.NONE);
        assertThat(verified.intact()).as(verified.describe()).isTrue();
        assertThat(verified.lastSeq()).isEqualTo(35);
        assertThat(verified.recordsChecked()).isEqualTo(15);
    }

    @Test
    void aRunThatDiedAfterWritingTheArchiveIsCompletedByTheNextRun() throws Exception {
        // The state a crash between the archive's fsync and the delete leaves: the archive in place,
        // the store as before the run (the database files copied back from before it).
        Path before = dataDir.resolve("before");
        copyTree(config.directory(), before);
        Path archive = AuditRetention.apply(config, AFTER_DAY_2, archives).archive().orElseThrow();
        byte[] archiveSha256 = sha256(archive);
        copyTree(before, config.directory());
        assertThat(longs("SELECT COUNT(*) FROM audit_records")).containsExactly(30L);
        assertThat(longs("SELECT COUNT(*) FROM audit_retention_cuts")).containsExactly(0L);

        // Later, and with a cutoff that would now allow more, the run completes what is archived.
        RetentionResult rerun = AuditRetention.apply(config, Instant.now(), archives);

        assertThat(rerun.outcome()).isEqualTo(Outcome.RESUMED);
        assertThat(rerun.archive()).contains(archive);
        assertThat(rerun.upToSeq()).isEqualTo(20);
        assertThat(sha256(archive)).isEqualTo(archiveSha256);
        assertThat(bytes("SELECT archive_sha256 FROM audit_retention_cuts")).isEqualTo(archiveSha256);
        assertThat(longs("SELECT MIN(seq) FROM audit_records")).containsExactly(21L);
        assertThat(AuditRepository.verify(config, VerifyProgress.NONE).intact()).isTrue();
        // and the run after it takes the rest into a second archive
        assertThat(AuditRetention.apply(config, Instant.now(), archives).outcome()).isEqualTo(Outcome.CUT);
        assertThat(AuditRepository.verify(config, VerifyProgress.NONE).intact()).isTrue();
    }

    @Test
    void aPartialArchiveLeftByARunThatDiedWhileWritingIsReplaced() throws Exception {
        Files.createDirectories(archives);
        Path partial = archives.resolve(".ward-audit-000000000001-000000000020.zip.partial");
        Files.writeString(partial, "PK half a zip");

        RetentionResult result = AuditRetention.apply(config, AFTER_DAY_2, archives);

        assertThat(result.outcome()).isEqualTo(Outcome.CUT);
        assertThat(partial).doesNotExist();
        assertThat(AuditArchive.verify(result.archive().orElseThrow(), config.directory()).intact()).isTrue();
    }

    @Test
    void anArchiveInTheWayThatDoesNotVerifyStopsTheRunWithoutRemovingAnything() throws Exception {
        Files.createDirectories(archives);
        Path impostor = archives.resolve("ward-audit-000000000001-000000000020.zip");
        Files.writeString(impostor, "not a zip");

        assertThatThrownBy(() -> AuditRetention.apply(config, AFTER_DAY_2, archives))
                .isInstanceOf(RetentionException.class).hasMessageContaining("already exists");

        assertThat(Files.readString(impostor)).isEqualTo("not a zip");
        assertThat(longs("SELECT COUNT(*) FROM audit_records")).containsExactly(30L);
    }

    @Test
    void aTamperedStoreIsNeitherArchivedNorCut() throws Exception {
        sql("UPDATE audit_records SET source = 'forged' WHERE seq = 7");

        assertThatThrownBy(() -> AuditRetention.apply(config, AFTER_DAY_2, archives))
                .isInstanceOf(RetentionException.class).hasMessageContaining("record 7 does not match its hash");

        assertThat(longs("SELECT COUNT(*) FROM audit_records")).containsExactly(30L);
        try (Stream<Path> files = Files.list(archives)) {
            assertThat(files.toList()).isEmpty();
        }
    }

    @Test
    void aCutoffInTheFutureIsRefused() {
        assertThatThrownBy(() -> AuditRetention.apply(config, Instant.now().plusSeconds(3600), archives))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("future");
    }

    // --- tampering detected by ward audit verify ---

    @Test
    void aDeletedCutRowIsDetected() throws Exception {
        AuditRetention.apply(config, AFTER_DAY_2, archives);
        sql("DELETE FROM audit_retention_cuts");

        VerifyResult result = AuditRepository.verify(config, VerifyProgress.NONE);

        assertThat(result.breach()).isEqualTo(Breach.RECORD_MISSING);
        assertThat(result.firstBrokenSeq()).hasValue(1);
        assertThat(result.exitCode()).isEqualTo(1);
    }

    @Test
    void theFirstOfTwoCutRowsDeletedIsDetected() throws Exception {
        AuditRetention.apply(config, AFTER_DAY_2, archives);
        AuditRetention.apply(config, DAY_3.plusSeconds(3600), archives);
        sql("DELETE FROM audit_retention_cuts WHERE up_to_seq = 20");

        VerifyResult result = AuditRepository.verify(config, VerifyProgress.NONE);

        assertThat(result.breach()).isEqualTo(Breach.RETENTION_CUT);
        assertThat(result.detail()).contains("a retention cut row was deleted");
    }

    @Test
    void aCutRowMovedForwardOverDeletedRecordsIsDetectedByItsSignature() throws Exception {
        AuditRetention.apply(config, AFTER_DAY_2, archives);
        sql("DELETE FROM audit_index WHERE seq <= 22", "DELETE FROM audit_records WHERE seq <= 22",
                "UPDATE audit_retention_cuts SET up_to_seq = 22");

        VerifyResult result = AuditRepository.verify(config, VerifyProgress.NONE);

        assertThat(result.breach()).isEqualTo(Breach.BAD_SIGNATURE);
        assertThat(result.detail()).contains("retention cut up to record 22 has a bad signature");
    }

    @Test
    void aForgedCutRowForRecordsDeletedWithoutRetentionIsDetected() throws Exception {
        AuditRetention.apply(config, AFTER_DAY_2, archives);
        byte[] hash23 = bytes("SELECT hash FROM audit_records WHERE seq = 23");
        sql("DELETE FROM audit_index WHERE seq <= 23", "DELETE FROM audit_records WHERE seq <= 23");
        try (Connection c = connect(); var s = c.prepareStatement("INSERT INTO audit_retention_cuts VALUES"
                + " (21, 23, (SELECT last_hash FROM audit_retention_cuts), ?, 'x.zip', ?, CURRENT_TIMESTAMP, ?, ?)")) {
            s.setBytes(1, hash23);
            s.setBytes(2, new byte[32]);
            s.setString(3, CheckpointKey.verifyOnly(config.directory()).keyId());
            s.setBytes(4, HexFormat.of().parseHex("3006020101020101"));
            s.executeUpdate();
        }

        VerifyResult result = AuditRepository.verify(config, VerifyProgress.NONE);

        assertThat(result.breach()).isEqualTo(Breach.BAD_SIGNATURE);
        assertThat(result.exitCode()).isEqualTo(1);
    }

    @Test
    void recordsDeletedAboveTheCutWithoutACutRowAreDetected() throws Exception {
        AuditRetention.apply(config, AFTER_DAY_2, archives);
        sql("DELETE FROM audit_index WHERE seq <= 23", "DELETE FROM audit_records WHERE seq <= 23");

        VerifyResult result = AuditRepository.verify(config, VerifyProgress.NONE);

        assertThat(result.breach()).isEqualTo(Breach.RECORD_MISSING);
        assertThat(result.firstBrokenSeq()).hasValue(21);
        assertThat(result.detail()).contains("records 21 to 23 are missing").contains("no retention cut covers them");
    }

    @Test
    void aRecordStillStoredBelowTheCutIsDetected() throws Exception {
        List<AuditRow> old = rows(20, 20);
        byte[] hash20 = bytes("SELECT hash FROM audit_records WHERE seq = 20");
        AuditRetention.apply(config, AFTER_DAY_2, archives);
        try (Connection c = connect()) {
            AuditTables.insert(c, List.of(new AuditTables.Chained(old.get(0), hash20)));
        }

        VerifyResult result = AuditRepository.verify(config, VerifyProgress.NONE);

        assertThat(result.breach()).isEqualTo(Breach.RETENTION_CUT);
        assertThat(result.firstBrokenSeq()).hasValue(20);
    }

    @Test
    void aStoreWithCutsButNoHeadFileIsDetected() throws Exception {
        AuditRetention.apply(config, Instant.now(), archives);
        Files.delete(config.directory().resolve(HeadFile.FILE));

        VerifyResult result = AuditRepository.verify(config, VerifyProgress.NONE);

        assertThat(result.breach()).isEqualTo(Breach.HEAD_FILE);
    }

    // --- helpers ---

    /** Commits records after the last one the way the writer does, but signs no checkpoint (a crash). */
    private void appendWithoutCheckpoint(int count, Instant receivedAt) throws SQLException {
        try (Connection c = connect()) {
            AuditTables.Head head = AuditTables.head(c);
            byte[] hash = head.hash();
            List<AuditTables.Chained> rows = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                AuditRow row = Records.importRow("PAT-X" + i, "MSG-X" + i, receivedAt.plusSeconds(i))
                        .withSeq(head.seq() + i);
                hash = CanonicalRecord.chain(hash, row);
                rows.add(new AuditTables.Chained(row, hash));
            }
            AuditTables.insert(c, rows);
        }
    }

    private List<AuditRow> rows(long from, long to) throws SQLException {
        List<AuditRow> rows = new ArrayList<>();
        try (Connection c = connect()) {
            for (long seq = from; seq <= to; seq++) {
                AuditRow row;
                try (var s = c.prepareStatement(AuditTables.SELECT_RECORDS + " WHERE seq = ?")) {
                    s.setLong(1, seq);
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        row = AuditTables.rowWithoutIndex(rs);
                    }
                }
                try (var s = c.prepareStatement(AuditTables.SELECT_INDEX + " WHERE seq = ? ORDER BY kind, ordinal")) {
                    s.setLong(1, seq);
                    try (ResultSet ix = s.executeQuery()) {
                        rows.add(row.withIndex(new IndexCursor(ix).take(seq)));
                    }
                }
            }
        }
        return rows;
    }

    static List<ArchiveJson.Line> archivedLines(Path archive) throws IOException {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            String text = new String(zip.getInputStream(zip.getEntry(AuditArchive.RECORDS_ENTRY)).readAllBytes(),
                    StandardCharsets.UTF_8);
            return text.lines().map(l -> ArchiveJson.parse(l.getBytes(StandardCharsets.UTF_8))).toList();
        }
    }

    static byte[] sha256(Path file) throws IOException {
        return CanonicalRecord.sha256().digest(Files.readAllBytes(file));
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private List<Long> longs(String query) throws SQLException {
        List<Long> values = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                values.add(rs.getLong(1));
            }
        }
        return values;
    }

    private List<String> strings(String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private byte[] bytes(String query) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            assertThat(rs.next()).as(query).isTrue();
            return rs.getBytes(1);
        }
    }

    private void sql(String... statements) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(config.jdbcUrl() + ";IFEXISTS=TRUE", config.user(), "");
    }
}
