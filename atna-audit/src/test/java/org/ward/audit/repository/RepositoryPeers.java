package org.ward.audit.repository;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ward.audit.syslog.TestPki;

/** A repository on 127.0.0.1 with the test PKI's server key, and waiting for records to arrive. */
final class RepositoryPeers {

    private RepositoryPeers() {
    }

    static AuditRepositoryConfig config(TestPki pki, Path dataDir) throws Exception {
        RepositoryTlsCredentials tls = new RepositoryTlsCredentials(pki.keyStore("server"), pki.password(),
                List.of(pki.ca()));
        return AuditRepositoryConfig.of("127.0.0.1", tls, AuditStoreConfig.h2(dataDir)
                        .withCheckpoints(1000, Duration.ofSeconds(1)))
                .withPort(0);
    }

    /** Waits until the store holds at least {@code count} records for the patient. */
    static List<AuditRow> awaitPatient(AuditRepository repository, String patientId, int count, Duration timeout,
                                       String diagnostics) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<AuditRow> rows = List.of();
        while (System.nanoTime() < deadline) {
            rows = repository.store().findByPatient(patientId, 100);
            if (rows.size() >= count) {
                return rows;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        fail("expected " + count + " records for the patient within " + timeout + ", found " + rows.size()
                + "; " + repository.stats() + "\n" + diagnostics);
        return rows;
    }
}
