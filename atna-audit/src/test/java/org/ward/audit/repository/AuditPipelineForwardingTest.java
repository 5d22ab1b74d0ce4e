package org.ward.audit.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ward.audit.AuditFailurePolicy;
import org.ward.audit.AuditPipeline;
import org.ward.audit.spool.SpoolConfig;
import org.ward.audit.spool.SpoolListener;
import org.ward.audit.syslog.SyslogConfig;
import org.ward.audit.syslog.SyslogIdentity;
import org.ward.audit.syslog.TestPki;

/**
 * A pipeline opened before its repository exists (Ward opens its listeners before its own audit
 * repository): records are kept in the spool and reach the repository once the pipeline forwards.
 */
class AuditPipelineForwardingTest {

    @TempDir
    static Path pkiDir;
    static TestPki pki;

    @TempDir
    Path dataDir;
    @TempDir
    Path spoolDir;

    @BeforeAll
    static void pki() throws Exception {
        pki = TestPki.create(pkiDir);
    }

    @Test
    void recordsSpooledBeforeTheRepositoryStartedReachItOnceThePipelineForwards() throws Exception {
        try (AuditPipeline pipeline = AuditPipeline.open(SpoolConfig.of(spoolDir), AuditFailurePolicy.CONTINUE,
                SpoolListener.NONE)) {
            for (int i = 0; i < 3; i++) {
                pipeline.sink().emit(Records.importMessage("PAT-EARLY", "MSG-" + i));
            }
            assertThat(pipeline.forwarder()).isEmpty();
            assertThat(pipeline.spool().pending()).isEqualTo(3);

            AuditRepository repository = AuditRepository.start(RepositoryPeers.config(pki, dataDir));
            try {
                pipeline.forwardTo(new AuditPipeline.Repository(SyslogConfig.of("localhost",
                        repository.address().getPort(), new SyslogIdentity("icu-gw-1", "ward", "4242")),
                        pki.clientCredentials()));
                pipeline.sink().emit(Records.importMessage("PAT-EARLY", "MSG-after"));

                assertThat(RepositoryPeers.awaitPatient(repository, "PAT-EARLY", 4, Duration.ofSeconds(15), ""))
                        .extracting(AuditRow::status).containsOnly(RecordStatus.VALID);
                assertThatThrownBy(() -> pipeline.forwardTo(new AuditPipeline.Repository(
                        SyslogConfig.of("localhost", 1, new SyslogIdentity("h", "ward", "1")), pki.clientCredentials())))
                        .isInstanceOf(IllegalStateException.class).hasMessageContaining("already forwards");
            } finally {
                pipeline.close();
                repository.close();
            }
            assertThatThrownBy(() -> pipeline.forwardTo(new AuditPipeline.Repository(
                    SyslogConfig.of("localhost", 1, new SyslogIdentity("h", "ward", "1")), pki.clientCredentials())))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        }
    }
}
