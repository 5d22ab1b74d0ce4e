package org.ward.conformance;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ward.audit.syslog.RsyslogReceiver;
import org.ward.config.WardConfigLoader;
import org.ward.engine.Pcd01Samples;
import org.ward.engine.WardEngine;
import org.ward.mllp.MllpClient;
import org.ward.pki.DevelopmentPki;

/**
 * Ward's audit path end to end (ITI-20): the engine started from a ward.yaml whose {@code audit:}
 * section names a real rsyslogd as RFC 5425 audit repository (GnuTLS, mutual TLS, x509/name with
 * Ward's audit client CN as the one permitted peer) on a loopback port. Each record rsyslog wrote
 * must carry the ITI-20 syslog header and validate against dicom2017c.xsd; Imports are counted by
 * the MSH-10 they carry. Fails (never skips) without rsyslog and rsyslog-gnutls.
 */
class AuditRepositoryTest {

    private static final String PCD01 = Pcd01Samples.bloodPressure();

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void realRepositoryReceivesStartImportsNodeAuthenticationAlertAndStop(@TempDir Path tmp) throws Exception {
        AuditRepositorySetup setup = AuditRepositorySetup.create(tmp);
        Path strangerP12 = DevelopmentPki.ensure(tmp.resolve("other-ca")).deviceP12();
        List<String> sent = ids("RR", 50);
        try (RsyslogReceiver rsyslog = setup.rsyslog()) {
            rsyslog.start();
            WardEngine engine = WardEngine.start(WardConfigLoader.load(setup.config(), tmp));
            try {
                int port = engine.addresses().get(0).port();
                try (MllpClient device = setup.connectAsDevice(port)) {
                    for (String id : sent) {
                        assertThat(msa(device.exchange(message(id)))).isEqualTo("MSA|AA|" + id);
                    }
                }
                // A certificate from another CA: Ward refuses the handshake and audits it (Node Authentication).
                IOException refused = catchThrowableOfType(IOException.class, () -> {
                    try (MllpClient stranger = setup.connect(port, strangerP12)) {
                        stranger.exchange(message("STRANGER"));
                    }
                });
                assertThat(refused).as("a client certified by another CA is refused").isNotNull();
            } finally {
                engine.close(); // Application Stop, then up to 5 s to drain the spool
            }
            RepositoryLog repository = setup.repository();
            List<ReceivedAudit> records = awaitRecords(repository, r -> r.stream().anyMatch(ReceivedAudit::isApplicationStop),
                    Duration.ofSeconds(30));

            assertThat(records).as("every record is one this run caused").allSatisfy(r -> assertThat(
                    r.isApplicationStart() || r.isImport() || r.isNodeAuthenticationAlert() || r.isApplicationStop())
                    .as("%s", r).isTrue());
            assertThat(records).filteredOn(ReceivedAudit::isApplicationStart).hasSize(1);
            assertThat(records.get(0).isApplicationStart()).as("first record is Application Start").isTrue();
            assertThat(records).filteredOn(ReceivedAudit::isImport).hasSize(sent.size())
                    .allSatisfy(r -> assertThat(r.outcome()).isEqualTo("0"));
            assertThat(repository.importsByControlId()).containsOnlyKeys(sent).allSatisfy((id, n) -> assertThat(n).isOne());
            assertThat(records).filteredOn(ReceivedAudit::isNodeAuthenticationAlert).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.outcome()).isNotEqualTo("0"));
            assertThat(records).filteredOn(ReceivedAudit::isApplicationStop).hasSize(1);
            assertThat(records.get(records.size() - 1).isApplicationStop()).as("last record is Application Stop").isTrue();
            System.out.printf("real repository: %d records (1 start, %d imports, %d node-authentication alerts,"
                    + " 1 stop), all valid against dicom2017c.xsd%n", records.size(), sent.size(),
                    records.stream().filter(ReceivedAudit::isNodeAuthenticationAlert).count());
        }
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void repositoryOutageOfThirtySecondsLosesNoImport(@TempDir Path tmp) throws Exception {
        int total = 5000;
        int connections = 4;
        Duration sendOver = Duration.ofSeconds(20);
        Duration outage = Duration.ofSeconds(30);
        AuditRepositorySetup setup = AuditRepositorySetup.create(tmp);
        RepositoryLog repository = setup.repository();
        List<String> sent = ids("OUT", total);
        ExecutorService senders = Executors.newFixedThreadPool(connections);
        try (RsyslogReceiver rsyslog = setup.rsyslog()) {
            rsyslog.start();
            WardEngine engine = WardEngine.start(WardConfigLoader.load(setup.config(), tmp));
            try {
                int port = engine.addresses().get(0).port();
                AtomicInteger acked = new AtomicInteger();
                long start = System.nanoTime();
                long periodNanos = sendOver.toNanos() / total;
                List<Future<?>> running = new ArrayList<>();
                for (int c = 0; c < connections; c++) {
                    int first = c;
                    running.add(senders.submit(() -> {
                        try (MllpClient device = setup.connectAsDevice(port)) {
                            for (int i = first; i < total; i += connections) {
                                long due = start + i * periodNanos - System.nanoTime();
                                if (due > 0) {
                                    TimeUnit.NANOSECONDS.sleep(due);
                                }
                                String id = sent.get(i);
                                assertThat(msa(device.exchange(message(id)))).isEqualTo("MSA|AA|" + id);
                                acked.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                awaitCount(acked, total / 10, Duration.ofSeconds(60));
                rsyslog.stop(); // SIGTERM; returns once rsyslogd exited
                long down = System.nanoTime();
                int ackedAtStop = acked.get();
                TimeUnit.NANOSECONDS.sleep(Math.max(0, down + outage.toNanos() - System.nanoTime()));
                int ackedAtRestart = acked.get();
                int receivedBeforeRestart = repository.records().size();
                rsyslog.start();
                long up = System.nanoTime();
                for (Future<?> sender : running) {
                    sender.get(60, TimeUnit.SECONDS); // rethrows a wrong ACK or a refused connection
                }
                assertThat(acked.get()).isEqualTo(total);

                // Follow the drain by counting lines (cheap), parsing only once arrivals pause.
                long firstArrival = 0;
                long lastArrival = 0;
                int lines = receivedBeforeRestart;
                int linesAtFirstArrival = 0;
                long deadline = up + TimeUnit.SECONDS.toNanos(120);
                Map<String, Integer> imports = Map.of();
                while (System.nanoTime() - deadline < 0) {
                    int now = repository.lineCount();
                    if (now > lines) {
                        lastArrival = System.nanoTime();
                        if (firstArrival == 0) {
                            firstArrival = lastArrival;
                            linesAtFirstArrival = now;
                        }
                        lines = now;
                    } else if (lastArrival != 0 && System.nanoTime() - lastArrival > TimeUnit.MILLISECONDS.toNanos(500)) {
                        imports = repository.importsByControlId();
                        if (imports.size() >= total) {
                            break;
                        }
                    }
                    Thread.sleep(5);
                }
                imports = repository.importsByControlId();
                int drained = lines - receivedBeforeRestart;
                // The first batch rsyslog wrote has no start time of its own: the rate counts the records after it.
                double drainSeconds = (lastArrival - firstArrival) / 1e9;
                double recordsPerSecond = (lines - linesAtFirstArrival) / drainSeconds;
                int duplicates = imports.values().stream().mapToInt(n -> n - 1).sum();
                System.out.printf("outage: %d/%d imports arrived, %d duplicates; rsyslog down %.1f s while messages"
                                + " %d..%d were acknowledged; first record %.1f s after rsyslog restarted; %d records"
                                + " drained, the last %d of them in %.2f s = %.0f records/s to rsyslog%n",
                        imports.size(), total, duplicates, outage.toMillis() / 1000.0, ackedAtStop, ackedAtRestart,
                        firstArrival == 0 ? Double.NaN : (firstArrival - up) / 1e9, drained,
                        lines - linesAtFirstArrival, drainSeconds, recordsPerSecond);
                assertThat(imports).as("Imports by MSH-10 after the outage").containsOnlyKeys(sent);
            } finally {
                senders.shutdownNow();
                engine.close();
            }
        }
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void recordsSpooledByAKilledWardArriveAfterItsRestart(@TempDir Path tmp) throws Exception {
        int total = 200;
        AuditRepositorySetup setup = AuditRepositorySetup.create(tmp);
        RepositoryLog repository = setup.repository();
        List<String> sent = ids("CRASH", total);
        Path log = tmp.resolve("ward.log");
        try (RsyslogReceiver rsyslog = setup.rsyslog()) {
            crashAndRestart(setup, repository, sent, log);
        } catch (Throwable t) {
            System.out.println("ward run output (both runs):\n" + (Files.exists(log) ? Files.readString(log) : "(none)"));
            throw t;
        }
    }

    /** Ward run 1 spools with rsyslog down and is killed; rsyslog starts; Ward run 2 sends the spool. */
    private static void crashAndRestart(AuditRepositorySetup setup, RepositoryLog repository, List<String> sent,
                                        Path log) throws Exception {
        int total = sent.size();
        long spoolBytes;
        int exit;
        try (WardProcess ward = WardProcess.start(projectRoot(), setup.config(), log)) {
            // rsyslog is not running: every record stays in the spool.
            try (MllpClient a = setup.connectAsDevice(ward.port()); MllpClient b = setup.connectAsDevice(ward.port())) {
                for (int i = 0; i < total; i++) {
                    String id = sent.get(i);
                    assertThat(msa((i % 2 == 0 ? a : b).exchange(message(id)))).isEqualTo("MSA|AA|" + id);
                }
            }
            spoolBytes = setup.spoolBytes();
            exit = ward.kill(); // right after the last ACK: each Import was spooled and forced before its ACK
        }
        assertThat(exit).as("exit code after SIGKILL").isEqualTo(137);
        assertThat(repository.records()).isEmpty();

        setup.rsyslog().start();
        try (WardProcess ward = WardProcess.start(projectRoot(), setup.config(), log)) {
            Map<String, Integer> imports = repository.awaitImports(m -> m.size() >= total, Duration.ofSeconds(90));
            int duplicates = imports.values().stream().mapToInt(n -> n - 1).sum();
            // Run 1 spooled its Application Start and one Import per message.
            System.out.printf("crash: %d/%d imports arrived after kill -9 and restart, %d duplicates;"
                    + " spool held %d bytes for %d records = %d bytes/record%n", imports.size(), total,
                    duplicates, spoolBytes, total + 1, spoolBytes / (total + 1));
            assertThat(imports).as("Imports by MSH-10 after kill -9 and restart").containsOnlyKeys(sent);
            assertThat(ward.stop(Duration.ofSeconds(60))).as("exit code after SIGTERM").isZero();
        }
        List<ReceivedAudit> records = awaitRecords(repository,
                r -> r.stream().anyMatch(ReceivedAudit::isApplicationStop), Duration.ofSeconds(30));
        // The killed run wrote no Stop; each run wrote its Start.
        assertThat(records).filteredOn(ReceivedAudit::isApplicationStart).hasSize(2);
        assertThat(records).filteredOn(ReceivedAudit::isApplicationStop).hasSize(1);
    }

    private static Path projectRoot() {
        return Path.of(System.getProperty("ward.project.root"));
    }

    private static List<String> ids(String prefix, int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> prefix + "-" + i).toList();
    }

    private static byte[] message(String controlId) {
        return Pcd01Samples.withControlId(PCD01, controlId).getBytes(US_ASCII);
    }

    /** The MSA segment of an ACK, without its trailing fields. */
    private static String msa(byte[] ack) {
        for (String segment : new String(ack, US_ASCII).split("\r")) {
            if (segment.startsWith("MSA|")) {
                String[] fields = segment.split("\\|");
                return fields.length >= 3 ? "MSA|" + fields[1] + "|" + fields[2] : segment;
            }
        }
        return "(no MSA in " + new String(ack, US_ASCII).replace('\r', '\n') + ")";
    }

    private static void awaitCount(AtomicInteger counter, int atLeast, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (counter.get() < atLeast) {
            assertThat(System.nanoTime() - deadline).as("%d of %d after %s", counter.get(), atLeast, timeout).isNegative();
            Thread.sleep(10);
        }
    }

    private static List<ReceivedAudit> awaitRecords(RepositoryLog repository,
                                                    java.util.function.Predicate<List<ReceivedAudit>> done,
                                                    Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<ReceivedAudit> records = repository.records();
            if (done.test(records) || System.nanoTime() - deadline > 0) {
                return records;
            }
            Thread.sleep(100);
        }
    }
}
