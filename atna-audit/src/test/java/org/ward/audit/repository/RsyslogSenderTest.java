package org.ward.audit.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ward.audit.syslog.TestPki;

/**
 * rsyslog (rsyslog-gnutls) as the sender: it reads a DICOM audit record from a file and forwards it
 * over mutual TLS, once octet-counted (RFC 5425) and once LF-terminated (RFC 6587), each on its own
 * connection; Ward's repository stores both and finds them by the patient ID.
 */
class RsyslogSenderTest {

    private static final String PATIENT = "RSYSLOG-7^^^HOSP&1.2.3&ISO^MR";

    @TempDir
    Path dir;

    @Test
    void rsyslogForwardsADicomRecordOverTlsInBothFramingsAndItIsFoundByPatient() throws Exception {
        TestPki pki = TestPki.create(Files.createDirectories(dir.resolve("pki")));
        try (AuditRepository repository = AuditRepository.start(
                RepositoryPeers.config(pki, Files.createDirectories(dir.resolve("data"))))) {
            try (RsyslogSender rsyslog = new RsyslogSender(Files.createDirectories(dir.resolve("rsyslog")), pki.caPem,
                    pki.dir.resolve("client.pem"), pki.dir.resolve("client.key"), "localhost",
                    repository.address().getPort(),
                    List.of(RsyslogSender.Framing.OCTET_COUNTED, RsyslogSender.Framing.TRADITIONAL))) {
                String xml = Records.text(Records.importXml(PATIENT, "RS-0001"));
                assertThat(xml).doesNotContain("\n");
                Files.writeString(rsyslog.input(), xml + "\n", StandardCharsets.UTF_8);
                rsyslog.start();

                List<AuditRow> rows = RepositoryPeers.awaitPatient(repository, PATIENT, 2, Duration.ofSeconds(30),
                        rsyslog.daemonLog());

                assertThat(rows).allSatisfy(row -> {
                    assertThat(row.status()).as(row.problem()).isEqualTo(RecordStatus.VALID);
                    assertThat(row.hostname()).isEqualTo("rsyslog-test");
                    assertThat(row.appName()).isEqualTo("ward-rsyslog");
                    assertThat(row.msgId()).isEqualTo("IHE+RFC-3881");
                    assertThat(row.eventId()).isEqualTo("110107");
                    assertThat(row.source()).contains("CN=" + TestPki.CLIENT_CN);
                    assertThat(Records.text(row.raw())).endsWith(xml);
                });
                // As an auditor asks (ITI-81 search, GET /fhir/AuditEvent): by the patient's ID alone.
                SearchPage page = repository.store().search(org.ward.audit.fhir.AuditEventSearch.parse(java.util.Map.of(
                        "date", List.of("2026"), "patient.identifier", List.of("RSYSLOG-7"))));
                assertThat(page.records()).hasSize(2).allSatisfy(record ->
                        assertThat(record.dicomXml()).get().asString().contains("RSYSLOG-7"));
            }
            assertThat(repository.stats().framingErrors()).isZero();
            repository.close();
            VerifyResult result = AuditRepository.verify(repository.store().config(), VerifyProgress.NONE);
            assertThat(result.intact()).as(result.describe()).isTrue();
        }
    }
}
