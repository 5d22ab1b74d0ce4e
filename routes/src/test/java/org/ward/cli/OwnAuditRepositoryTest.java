package org.ward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ward.audit.fhir.AuditEventSearch;
import org.ward.audit.repository.AuditRepository;
import org.ward.audit.repository.SearchPage;
import org.ward.audit.repository.StoredRecord;
import org.ward.engine.Pcd01Samples;
import org.ward.engine.WardFixture;
import org.ward.mllp.MllpClient;
import picocli.CommandLine;

/**
 * Ward's own audit trail end to end, as {@code ward run} wires it by default: a PCD-01 through the
 * engine, its Import record spooled, sent over RFC 5425 mutual TLS (the development audit client
 * certificate) to Ward's own repository, stored hash-chained and found by patient and by MSH-10,
 * through the library and through {@code ward audit query}; that query is itself recorded (110112,
 * ITI-81) in the same repository once Ward runs again; and the chain verifies.
 */
class OwnAuditRepositoryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void anImportIsFoundByPatientAndMessageIdAndTheQueryIsAuditedToo() throws Exception {
        String message = Pcd01Samples.withControlId(Pcd01Samples.bloodPressure(), "E2E-MSH10-1");
        Instant before = Instant.now().minusSeconds(5);
        try (WardFixture ward = WardFixture.start(dir, options())) {
            AuditRepository repository = ward.engine().auditRepository().orElseThrow();
            assertThat(repository.address().getPort()).isPositive();
            try (MllpClient device = ward.connectAsDevice()) {
                String ack = new String(device.exchange(message.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
                assertThat(ack).contains("MSA|AA|E2E-MSH10-1");
            }
            List<StoredRecord> byPatient = await(repository, before, "patient.identifier", "789567",
                    records -> records.stream().anyMatch(r -> eventId(r).equals("110107")));
            StoredRecord imported = byPatient.stream().filter(r -> eventId(r).equals("110107")).findFirst().orElseThrow();
            assertThat(imported.source()).contains("CN=ward-audit");
            assertThat(imported.dicomXml()).get().asString().contains("PCD-01").contains("789567");

            List<StoredRecord> byMessageId = await(repository, before, "message-control-id", "E2E-MSH10-1",
                    records -> !records.isEmpty());
            assertThat(byMessageId).extracting(StoredRecord::seq).containsExactly(imported.seq());
        }

        // Ward stopped: the CLI opens the H2 store itself.
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = cli(out, err, "audit", "query", "--config", dir.resolve("ward.yaml").toString(),
                "--from", before.toString(), "--patient", "789567", "--format", "csv");
        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("110107 Import", "E2E-MSH10-1", "789567");
        out.getBuffer().setLength(0);
        assertThat(cli(out, err, "audit", "query", "--config", dir.resolve("ward.yaml").toString(),
                "--from", before.toString(), "--message-id", "NO-SUCH-ID")).isZero();
        assertThat(out.toString()).contains("(no matching records)");

        // Ward again: the CLI's query records reach the repository through the command audit inbox.
        try (WardFixture ward = WardFixture.start(dir, options())) {
            AuditRepository repository = ward.engine().auditRepository().orElseThrow();
            List<StoredRecord> queries = await(repository, before, "subtype", "ITI-81",
                    records -> records.size() >= 2);
            assertThat(queries).allSatisfy(q -> {
                assertThat(eventId(q)).isEqualTo("110112");
                assertThat(q.view().orElseThrow().agents().get(0).userId()).startsWith("ward audit query (");
            });
            // The query naming the patient is found by that patient too: who looked at this patient's records.
            List<StoredRecord> aboutPatient = await(repository, before, "patient.identifier", "789567",
                    records -> records.stream().anyMatch(r -> eventId(r).equals("110112")));
            assertThat(aboutPatient).extracting(OwnAuditRepositoryTest::eventId).contains("110107", "110112");
        }
        out.getBuffer().setLength(0);
        assertThat(cli(out, err, "audit", "verify", "--config", dir.resolve("ward.yaml").toString()))
                .as(out + "\n" + err).isZero();
    }

    private WardFixture.Options options() {
        return WardFixture.options().fullAudit().top(
                "audit:",
                "  spool-directory: var/audit-spool",
                "audit-repository:",
                "  port: 0",
                "  tls:",
                "    key-store: var/pki/server.p12",
                "    key-store-password-file: var/pki/server.p12.password",
                "    trust-anchors: var/pki/trust-anchors.pem");
    }

    private static List<StoredRecord> await(AuditRepository repository, Instant from, String name, String value,
                                            Predicate<List<StoredRecord>> done) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        List<StoredRecord> records;
        do {
            Map<String, List<String>> query = new LinkedHashMap<>();
            query.put("date", List.of("ge" + from, "le" + Instant.now().plusSeconds(60)));
            query.put(name, List.of(value));
            SearchPage page = repository.store().search(AuditEventSearch.parse(query));
            records = new ArrayList<>(page.records());
            if (done.test(records)) {
                return records;
            }
            Thread.sleep(100);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("no matching audit records for " + name + "=" + value + " within " + WAIT
                + "; found " + records.size());
    }

    private static String eventId(StoredRecord record) {
        return record.view().flatMap(v -> v.event().id()).map(c -> c.code()).orElse("");
    }

    /** Runs a command with this test's folder as the Ward home, against which ward.yaml's relative paths resolve. */
    private int cli(StringWriter out, StringWriter err, String... args) {
        String home = System.getProperty("ward.home");
        System.setProperty("ward.home", dir.toString());
        try {
            CommandLine cli = WardCli.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            return cli.execute(args);
        } finally {
            if (home == null) {
                System.clearProperty("ward.home");
            } else {
                System.setProperty("ward.home", home);
            }
        }
    }
}
