package org.ward.audit.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ward.audit.repository.VerifyResult.Breach;

/**
 * The hash chain and its checkpoints on H2: an intact store verifies; an UPDATE, a DELETE and a
 * truncated tail, each done behind the repository's back through plain JDBC, are detected and the
 * first broken record named.
 */
class ChainVerifierTest {

    private static final int RECORDS = 50;

    /** Filled once; each test tampers with its own copy. */
    @TempDir
    static Path template;

    @TempDir
    Path dataDir;

    private AuditStoreConfig config;

    @BeforeAll
    static void fillTemplate() throws Exception {
        AuditStoreConfig filled = config(template);
        try (AuditStore store = AuditStore.open(filled, new RepositoryStats(), Clock.systemUTC())) {
            for (int i = 1; i <= RECORDS; i++) {
                store.append(Records.importRow("PAT-" + i + "^^^HOSP&1.2.3&ISO^MR", "MSG-" + i));
            }
        }
    }

    @BeforeEach
    void copyTemplate() throws Exception {
        try (Stream<Path> files = Files.walk(template)) {
            for (Path file : files.toList()) {
                Files.copy(file, dataDir.resolve(template.relativize(file).toString()),
                        StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        config = config(dataDir);
    }

    private static AuditStoreConfig config(Path dir) {
        return AuditStoreConfig.h2(dir).withCheckpoints(20, Duration.ofMinutes(10)).withMaxBatchRows(7);
    }

    @Test
    void anIntactStoreVerifiesWithProgressAndItsCheckpoints() throws Exception {
        List<long[]> progress = new ArrayList<>();
        VerifyResult result = new ChainVerifier(config).verify((checked, total) -> progress.add(new long[] {checked, total}));

        assertThat(result.intact()).as(result.describe()).isTrue();
        assertThat(result.exitCode()).isZero();
        assertThat(result.recordsChecked()).isEqualTo(RECORDS);
        // one after at least 20 new records (at a batch boundary), and the last one at 50 on close
        assertThat(result.checkpointsChecked()).isBetween(2, 3);
        assertThat(progress).isNotEmpty();
        assertThat(progress.get(progress.size() - 1)).containsExactly(RECORDS, RECORDS);
    }

    @Test
    void theKeyIsOwnerOnlyAndTheHeadFileNamesTheLastRecord() throws Exception {
        assertThat(Files.getPosixFilePermissions(config.directory().resolve(CheckpointKey.PRIVATE_FILE)))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(new HeadFile(config.directory()).read()).get().extracting(Checkpoint::seq).isEqualTo(50L);
    }

    @Test
    void reopeningContinuesTheChain() throws Exception {
        try (AuditStore store = AuditStore.open(config, new RepositoryStats(), Clock.systemUTC())) {
            assertThat(store.lastSeq()).isEqualTo(RECORDS);
            store.append(Records.importRow("PAT-X", "MSG-X"));
        }
        VerifyResult result = new ChainVerifier(config).verify(VerifyProgress.NONE);
        assertThat(result.intact()).as(result.describe()).isTrue();
        assertThat(result.lastSeq()).isEqualTo(RECORDS + 1);
    }

    @Test
    void anUpdatedColumnIsDetectedAtItsRecord() throws Exception {
        sql("UPDATE audit_records SET event_outcome = '8' WHERE seq = 17");

        VerifyResult result = new ChainVerifier(config).verify(VerifyProgress.NONE);

        assertThat(result.breach()).isEqualTo(Breach.RECORD_ALTERED);
        assertThat(result.firstBrokenSeq()).hasValue(17);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.describe()).contains("first broken record 17");
    }

    @Test
    void anUpdatedRawRecordIsDetected() throws Exception {
        sql("UPDATE audit_records SET raw = X'3c38353e3120' WHERE seq = 33");

        VerifyResult result = new ChainVerifier(config).verify(VerifyProgress.NONE);

        assertThat(result.breach()).isEqualTo(Breach.RECORD_ALTERED);
        assertThat(result.firstBrokenSeq()).hasValue(33);
    }

    @Test
    void anUpdatedPatientIdInTheIndexIsDetected() throws Exception {
        sql("UPDATE audit_index SET val = 'SOMEONE-ELSE' WHERE seq = 5 AND kind = 'P'");

        VerifyResult result = new ChainVerifier(config).verify(VerifyProgress.NONE);

        assertThat(result.breach()).isEqualTo(Breach.RECORD_ALTERED);
        assertThat(result.firstBrokenSeq()).hasValue(5);
    }

    @Test
    void aDeletedRecordIsDetected() throws Exception {
        sql("DELETE FROM audit_records WHERE seq = 23");

        VerifyResult result = new ChainVerifier(config).verify(VerifyProgress.NONE);

        assertThat(result.breach()).isEqualTo(Breach.RECORD_MISSING);
        assertThat(result.firstBrokenSeq()).hasValue(23);
    }

    @Test
    void aTruncatedTailIsDetectedByTheLastCheckpoint() throws Exception {
        sql("DELETE FROM audit_records WHERE seq > 45", "DELETE FROM audit_index WHERE seq > 45");

        VerifyResult result = new ChainVerifier(config).verify(VerifyProgress.NONE);

        assertThat(result.breach()).isEqualTo(Breach.TAIL_TRUNCATED);
        assertThat(result.firstBrokenSeq()).hasValue(46);
        assertThat(result.describe()).contains("records 46 to 50 were deleted");
    }

    @Test
    void aTailTruncatedTogetherWithItsCheckpointsIsDetectedByTheHeadFile() throws Exception {
        sql("DELETE FROM audit_records WHERE seq > 30", "DELETE FROM audit_index WHERE seq > 30",
                "DELETE FROM audit_checkpoints WHERE seq > 30");

        VerifyResult result = new ChainVerifier(config).verify(VerifyProgress.NONE);

        assertThat(result.breach()).isEqualTo(Breach.TAIL_TRUNCATED);
        assertThat(result.firstBrokenSeq()).hasValue(31);
    }

    @Test
    void anEmptiedStoreIsDetected() throws Exception {
        sql("DELETE FROM audit_records", "DELETE FROM audit_index", "DELETE FROM audit_checkpoints");

        VerifyResult result = new ChainVerifier(config).verify(VerifyProgress.NONE);

        assertThat(result.breach()).isEqualTo(Breach.TAIL_TRUNCATED);
        assertThat(result.firstBrokenSeq()).hasValue(1);
    }

    @Test
    void aRecordAlteredAndRehashedToTheEndIsDetectedAtTheNextCheckpoint() throws Exception {
        // The attacker knows the format and recomputes every hash from record 25 on, but cannot sign.
        rehashFrom(25, "UPDATE audit_records SET source = 'forged' WHERE seq = 25");

        VerifyResult result = new ChainVerifier(config).verify(VerifyProgress.NONE);

        assertThat(result.breach()).isEqualTo(Breach.CHECKPOINT_MISMATCH);
        assertThat(result.detail()).contains("differs from the checkpoint signed at");
    }

    @Test
    void aForgedCheckpointSignatureIsDetected() throws Exception {
        sql("UPDATE audit_checkpoints SET signature = X'3006020101020101' WHERE seq = (SELECT MIN(seq) FROM audit_checkpoints)");

        VerifyResult result = new ChainVerifier(config).verify(VerifyProgress.NONE);

        assertThat(result.breach()).isEqualTo(Breach.BAD_SIGNATURE);
    }

    private void rehashFrom(long from, String tamper) throws SQLException {
        sql(tamper);
        try (Connection c = connect()) {
            byte[] previous;
            try (var s = c.prepareStatement("SELECT hash FROM audit_records WHERE seq = ?")) {
                s.setLong(1, from - 1);
                try (var rs = s.executeQuery()) {
                    rs.next();
                    previous = rs.getBytes(1);
                }
            }
            for (long seq = from; seq <= RECORDS; seq++) {
                AuditRow row;
                try (var s = c.prepareStatement(AuditTables.SELECT_RECORDS + " WHERE seq = ?")) {
                    s.setLong(1, seq);
                    try (var rs = s.executeQuery()) {
                        rs.next();
                        row = AuditTables.rowWithoutIndex(rs);
                    }
                }
                List<IndexEntry> index = new ArrayList<>();
                try (var s = c.prepareStatement(AuditTables.SELECT_INDEX + " WHERE seq = ?")) {
                    s.setLong(1, seq);
                    try (var rs = s.executeQuery()) {
                        while (rs.next()) {
                            index.add(new IndexEntry(IndexKind.of(rs.getString("kind").charAt(0)),
                                    rs.getInt("ordinal"), rs.getString("val")));
                        }
                    }
                }
                AuditRow full = new AuditRow(row.seq(), row.receivedAt(), row.source(), row.status(), row.problem(),
                        row.syslogTime(), row.hostname(), row.appName(), row.msgId(), row.eventId(),
                        row.eventAction(), row.eventOutcome(), row.eventTime(), row.raw(), index);
                previous = CanonicalRecord.chain(previous, full);
                try (var s = c.prepareStatement("UPDATE audit_records SET hash = ? WHERE seq = ?")) {
                    s.setBytes(1, previous);
                    s.setLong(2, seq);
                    s.executeUpdate();
                }
            }
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
