package org.ward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ward.store.InboundRecord;
import org.ward.store.JdbcMessageJournal;
import org.ward.store.JournalConfig;
import org.ward.store.MessageJournal;
import org.ward.store.Sender;
import picocli.CommandLine;

/** {@code ward messages} and {@code ward status} in-process on an H2 journal: output, changes, exit codes. */
class MessagesCommandTest {

    private static final Sender MONITOR = Sender.of("CN=monitor-7,O=Example Hospital", "1f2e3d");

    @TempDir
    Path temp;

    private Path yaml;
    private Path dataDir;
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();
    private long one;
    private long two;
    private long three;

    @BeforeEach
    void journalWithThreeMessages() throws Exception {
        dataDir = temp.resolve("var");
        yaml = temp.resolve("ward.yaml");
        // The configuration must name TLS files that exist; these commands never read them.
        for (String name : List.of("server.p12", "server.p12.password", "trust-anchors.pem")) {
            Files.writeString(temp.resolve(name), "unused");
        }
        Files.writeString(yaml, String.join("\n",
                "data-dir: " + dataDir,
                "development-pki: true",
                "listeners:",
                "  - name: devices",
                "    port: 2575",
                "    tls:",
                "      key-store: " + temp.resolve("server.p12"),
                "      key-store-password-file: " + temp.resolve("server.p12.password"),
                "      trust-anchors: " + temp.resolve("trust-anchors.pem"),
                "destinations:",
                "  - name: archive",
                "    type: directory",
                "    path: " + temp.resolve("out"),
                "  - name: idle",
                "    type: directory",
                "    path: " + temp.resolve("idle"),
                ""), StandardCharsets.UTF_8);
        try (MessageJournal journal = JdbcMessageJournal.open(JournalConfig.h2(dataDir))) {
            one = append(journal, "MSG-1", "PAT-1", List.of("archive"));
            two = append(journal, "MSG-2", "PAT-2", List.of("archive"));
            three = append(journal, "MSG-3", "PAT-1", List.of());
            journal.deliveryQueue().delivered("archive", one, Instant.parse("2026-01-01T00:00:00Z"));
            journal.deliveryQueue().deadLetter("archive", two, "AR ERR-3=204");
        }
    }

    private static long append(MessageJournal journal, String controlId, String patient, List<String> to)
            throws Exception {
        String message = "MSH|^~\\&|MONITOR|ICU|WARD|HOSP|20260101120000||ORU^R01^ORU_R01|" + controlId + "|P|2.6\r"
                + "PID|||" + patient + "^^^HOSP^MR||Doe^Jane\r";
        InboundRecord record = new InboundRecord(Instant.parse("2025-12-31T12:00:00Z"), "devices", MONITOR,
                "ORU^R01^ORU_R01", controlId, "PCD-01", List.of(patient), StandardCharsets.UTF_8,
                message.getBytes(StandardCharsets.UTF_8), to);
        return journal.append(record).get(15, TimeUnit.SECONDS).id();
    }

    @Test
    void listShowsMetadataWithoutPatientDataAndFilters() {
        assertThat(ward("messages", "list", "--config", yaml.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("ID", "CONTROL-ID", "MSG-1", "MSG-2", "MSG-3", "PCD-01", "ACCEPTED")
                .doesNotContain("PAT-", "Doe");

        assertThat(ward("messages", "list", "--config", yaml.toString(), "--patient", "PAT-1", "--format", "csv"))
                .isZero();
        assertThat(out.toString().lines().toList()).hasSize(3).first().asString()
                .isEqualTo("id,received,listener,sender,type,control-id,transaction,status");
        assertThat(out.toString()).contains("MSG-1", "MSG-3").doesNotContain("MSG-2", "PAT-1")
                .contains("\"CN=monitor-7,O=Example Hospital\"");

        assertThat(ward("messages", "list", "--config", yaml.toString(), "--control-id", "MSG-2", "--limit", "5"))
                .isZero();
        assertThat(out.toString()).contains("MSG-2").doesNotContain("MSG-1");

        assertThat(ward("messages", "list", "--config", yaml.toString(), "--limit", "0")).isEqualTo(2);
    }

    @Test
    void showPrintsDeliveriesAndThePayloadOnlyWhenAsked() {
        assertThat(ward("messages", "show", Long.toString(two), "--config", yaml.toString())).isZero();
        assertThat(out.toString()).contains("control-id:   MSG-2", "archive: DEAD_LETTER, attempts 0",
                "last reason: AR ERR-3=204").doesNotContain("PAT-2", "MSH|");

        assertThat(ward("messages", "show", Long.toString(one), "--payload", "--config", yaml.toString())).isZero();
        assertThat(out.toString()).contains("archive: DELIVERED", "delivered 2026-01-01T00:00:00Z",
                "patient-ids:  PAT-1", "\nMSH|^~\\&|MONITOR", "\nPID|||PAT-1^^^HOSP^MR||Doe^Jane\n");

        assertThat(ward("messages", "show", Long.toString(three), "--config", yaml.toString())).isZero();
        assertThat(out.toString()).contains("(routed to no destination)");

        assertThat(ward("messages", "show", "999", "--config", yaml.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("no message 999");
    }

    @Test
    void deadLettersAndResendPutTheMessageBackInTheQueue() {
        assertThat(ward("messages", "dead-letters", "--config", yaml.toString())).isZero();
        assertThat(out.toString()).contains("archive", "MSG-2", "AR ERR-3=204").doesNotContain("MSG-1");

        assertThat(ward("messages", "resend", Long.toString(two), "--destination", "archive",
                "--config", yaml.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("queued for archive again");
        assertThat(ward("messages", "dead-letters", "--destination", "archive", "--config", yaml.toString())).isZero();
        assertThat(out.toString()).contains("(no dead letters)");
        assertThat(ward("messages", "show", Long.toString(two), "--config", yaml.toString())).isZero();
        assertThat(out.toString()).contains("archive: PENDING, attempts 0").doesNotContain("last reason");

        assertThat(ward("messages", "resend", Long.toString(two), "--destination", "archive",
                "--config", yaml.toString())).as("already pending").isEqualTo(1);
        assertThat(ward("messages", "resend", Long.toString(one), "--config", yaml.toString())).isEqualTo(2);
    }

    @Test
    void purgeDeletesWhatWasDeliveredEverywhereBeforeTheDate() {
        assertThat(ward("messages", "purge", "--delivered-before", "2025-12-01", "--config", yaml.toString()))
                .isZero();
        assertThat(out.toString()).contains("Purged 0 messages");
        assertThat(ward("messages", "purge", "--delivered-before", "2026-02-01", "--config", yaml.toString()))
                .isZero();
        assertThat(out.toString()).contains("Purged 2 messages delivered before 2026-02-01T00:00:00Z");
        assertThat(ward("messages", "list", "--config", yaml.toString())).isZero();
        assertThat(out.toString()).contains("MSG-2").doesNotContain("MSG-1", "MSG-3");

        assertThat(ward("messages", "purge", "--delivered-before", "yesterday", "--config", yaml.toString()))
                .isEqualTo(2);
    }

    @Test
    void statusCountsEachDestinationsQueue() {
        assertThat(ward("status", "--config", yaml.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Messages in the journal: 3");
        assertThat(out.toString().lines().toList()).contains(
                "DESTINATION  QUEUED  DELIVERED  DEAD-LETTERED",
                "archive      0       1          1",
                "idle         0       0          0");
    }

    @Test
    void aConfigurationErrorExits2() {
        assertThat(ward("status", "--config", temp.resolve("missing.yaml").toString())).isEqualTo(2);
        assertThat(ward("messages", "--config", yaml.toString())).isEqualTo(2);
    }

    @Test
    void aJournalHeldByAnotherProcessFailsAtOnceWithAClearMessage() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                JournalHolder.class.getName(), dataDir.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8));
            String line;
            do {
                line = lines.readLine();
            } while (line != null && !line.equals("open"));
            assertThat(line).as("the holder opened the journal").isEqualTo("open");

            long started = System.nanoTime();
            assertThat(ward("status", "--config", yaml.toString())).isEqualTo(1);
            assertThat(err.toString()).contains(JournalRun.IN_USE);
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(30);
        } finally {
            holder.getOutputStream().close();
            if (!holder.waitFor(30, TimeUnit.SECONDS)) {
                holder.destroyForcibly();
            }
        }
    }

    private int ward(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cli = WardCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
