package org.ward.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ward.audit.fhir.AuditEventSearch;
import org.ward.audit.repository.AuditRepository;
import org.ward.audit.repository.AuditRetention;
import org.ward.audit.repository.AuditStore;
import org.ward.audit.repository.AuditStoreConfig;
import org.ward.audit.repository.Records;
import org.ward.audit.repository.RepositoryStats;
import org.ward.audit.repository.RetentionResult;
import org.ward.audit.repository.VerifyProgress;
import org.ward.audit.repository.VerifyResult;

/**
 * Ward's audit repository on a real PostgreSQL 15 (same Flyway schema as H2): records stored
 * hash-chained, searched by patient and MSH-10, verified intact, cut by retention into a signed
 * archive with the chain continuing across the cut, and a row updated behind its back detected.
 */
class AuditRepositoryPostgresTest {

    private static PostgresCluster cluster;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void startPostgres() throws Exception {
        cluster = PostgresCluster.start();
        cluster.createDatabase("audit");
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (cluster != null) {
            cluster.destroy();
        }
    }

    @Test
    void storeSearchVerifyRetainAndDetectTamperingOnPostgresql() throws Exception {
        AuditStoreConfig config = AuditStoreConfig.postgresql(cluster.url("audit"), PostgresCluster.USER,
                cluster.passwordFile(), dataDir).withCheckpoints(20, Duration.ofMinutes(10));
        try (AuditStore store = AuditStore.open(config, new RepositoryStats(), Clock.systemUTC())) {
            for (int i = 1; i <= 50; i++) {
                store.append(Records.importRow("PAT-" + i + "^^^HOSP&1.2.3&ISO^MR", "MSG-" + i));
            }
            awaitSeq(store, 50);
            assertThat(store.search(search("patient.identifier", "PAT-7")).records())
                    .singleElement().satisfies(r -> assertThat(r.seq()).isEqualTo(7));
            assertThat(store.search(search("message-control-id", "MSG-9")).records())
                    .singleElement().satisfies(r -> assertThat(r.seq()).isEqualTo(9));
            assertThat(store.search(search("patient.identifier", "urn:oid:1.2.3|PAT-12")).records()).hasSize(1);
        }
        assertIntact(config);

        RetentionResult cut = AuditRetention.apply(config, Instant.now(), Files.createDirectories(dataDir.resolve("archive")));
        assertThat(cut.recordsRemoved()).as(cut.describe()).isEqualTo(50);
        assertThat(cut.archive()).get().satisfies(archive -> assertThat(archive).isRegularFile());
        assertIntact(config);

        try (AuditStore store = AuditStore.open(config, new RepositoryStats(), Clock.systemUTC())) {
            store.append(Records.importRow("PAT-51^^^HOSP&1.2.3&ISO^MR", "MSG-51"));
            awaitSeq(store, 51);
        }
        assertIntact(config);

        try (Connection c = DriverManager.getConnection(cluster.url("audit"), PostgresCluster.USER,
                Files.readString(cluster.passwordFile()).strip());
             Statement s = c.createStatement()) {
            s.execute("UPDATE audit_records SET event_outcome = '8' WHERE seq = 51");
        }
        VerifyResult tampered = AuditRepository.verify(config, VerifyProgress.NONE);
        assertThat(tampered.exitCode()).as(tampered.describe()).isEqualTo(1);
        assertThat(tampered.describe()).contains("51");
    }

    private static void assertIntact(AuditStoreConfig config) {
        VerifyResult result = AuditRepository.verify(config, VerifyProgress.NONE);
        assertThat(result.intact()).as(result.describe()).isTrue();
    }

    private static AuditEventSearch search(String name, String value) {
        return AuditEventSearch.parse(Map.of("date", List.of("2026"), name, List.of(value)));
    }

    private static void awaitSeq(AuditStore store, long seq) throws InterruptedException {
        for (int i = 0; i < 300 && store.lastSeq() < seq; i++) {
            Thread.sleep(20);
        }
        assertThat(store.lastSeq()).isEqualTo(seq);
    }
}
