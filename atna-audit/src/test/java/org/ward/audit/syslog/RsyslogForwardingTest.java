package org.ward.audit.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.ward.audit.spool.FileAuditSpool;
import org.ward.audit.spool.SpoolConfig;
import org.ward.audit.spool.SpoolKillChild;
import org.ward.audit.spool.SpoolListener;

/**
 * Spool → forwarder → {@link SyslogTlsSender} → a real rsyslogd over RFC 5425 with mutual TLS.
 * Fails (never skips) when rsyslog is not installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RsyslogForwardingTest {

    /** One received line: the ITI-20 header exactly, then BOM + our XML. */
    private static final Pattern LINE = Pattern.compile(
            "<85>1 (\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z) ward-test\\.example\\.org ward 4711"
                    + " IHE\\+RFC-3881 - \uFEFF(<AuditMessage run=\"([a-z]+)\" id=\"(\\d+)\".*)");

    private Path tmp;

    private TestPki pki;
    private RsyslogReceiver rsyslog;
    private final List<ConnectionState> states = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    void startRsyslog(@TempDir Path classDir) throws Exception {
        RsyslogReceiver.requireInstalled();
        tmp = classDir;
        Path pkiDir = Files.createDirectories(tmp.resolve("pki"));
        pki = TestPki.create(pkiDir);
        rsyslog = new RsyslogReceiver(Files.createDirectories(tmp.resolve("rsyslog")), pki, TestPki.CLIENT_CN);
        rsyslog.start();
        System.out.println("rsyslog configuration used:\n" + Files.readString(rsyslog.config()));
    }

    @AfterAll
    void stopRsyslog() throws Exception {
        if (rsyslog != null) {
            rsyslog.close();
        }
    }

    private SyslogConfig syslogConfig() {
        return SyslogConfig.of("localhost", rsyslog.port(), new SyslogIdentity("ward-test.example.org", "ward", "4711"))
                .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(1));
    }

    private FileAuditSpool spool(String name) throws IOException {
        return FileAuditSpool.open(SpoolConfig.of(tmp.resolve("spool-" + name)), SpoolListener.NONE);
    }

    private SyslogTlsSender sender(SyslogTlsCredentials credentials) {
        return new SyslogTlsSender(syslogConfig(), credentials, (state, cause) -> states.add(state));
    }

    private static byte[] xml(String run, int id) {
        return ("<AuditMessage run=\"" + run + "\" id=\"" + id + "\"><EventIdentification EventActionCode=\"E\"/>"
                + "</AuditMessage>").getBytes(StandardCharsets.UTF_8);
    }

    /** Ids received for {@code run}, in arrival order, each line's structure checked. */
    private List<Integer> received(String run) throws IOException {
        List<Integer> ids = new ArrayList<>();
        for (String line : rsyslog.lines()) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                if (line.contains("run=\"" + run + "\"")) {
                    fail("line does not have the ITI-20 RFC 5424 structure: " + line);
                }
                continue;
            }
            if (m.group(3).equals(run)) {
                ids.add(Integer.parseInt(m.group(4)));
            }
        }
        return ids;
    }

    private List<Integer> awaitDistinct(String run, int expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Integer> ids = received(run);
            if (ids.stream().distinct().count() >= expected) {
                return ids;
            }
            if (System.nanoTime() > deadline) {
                fail("rsyslog has " + ids.stream().distinct().count() + " of " + expected + " records of run " + run
                        + " after " + timeout + "; rsyslogd says:\n" + rsyslog.daemonLog());
            }
            Thread.sleep(20);
        }
    }

    /** Every id 1..n once at least; first arrivals ascending (TCP loses only a suffix); duplicates counted. */
    private static int checkCompleteInOrder(List<Integer> ids, int n) {
        Map<Integer, Integer> counts = new LinkedHashMap<>();
        ids.forEach(id -> counts.merge(id, 1, Integer::sum));
        assertThat(counts.keySet()).hasSize(n);
        assertThat(new ArrayList<>(counts.keySet())).isSorted().first().isEqualTo(1);
        return ids.size() - n;
    }

    @Test
    void deliversEveryRecordInOrderWithTheIti20Header() throws Exception {
        int n = 200;
        try (FileAuditSpool spool = spool("order"); SyslogTlsSender sender = sender(pki.clientCredentials())) {
            AuditForwarder forwarder = new AuditForwarder(spool, sender, Rfc5424Formatter.of(syslogConfig()),
                    ForwarderConfig.defaults());
            forwarder.start();
            for (int i = 1; i <= n; i++) {
                spool.append(xml("order", i));
            }
            List<Integer> ids = awaitDistinct("order", n, Duration.ofSeconds(30));
            assertThat(ids).hasSize(n).isSorted();
            assertThat(ids.get(0)).isEqualTo(1);
            assertThat(forwarder.stop(Duration.ofSeconds(5))).isTrue();
            assertThat(spool.pending()).isZero();
            assertThat(forwarder.stats().acknowledged()).isEqualTo(n);
            assertThat(forwarder.stats().resent()).isZero();
        }
    }

    @Test
    void drainRate() throws Exception {
        int n = 5000;
        try (FileAuditSpool spool = spool("rate"); SyslogTlsSender sender = sender(pki.clientCredentials())) {
            for (int i = 1; i <= n; i++) {
                spool.append(xml("rate", i));
            }
            long bytesPerRecord = spool.usedBytes() / n;
            AuditForwarder forwarder = new AuditForwarder(spool, sender, Rfc5424Formatter.of(syslogConfig()),
                    ForwarderConfig.defaults());
            sender.start();
            assertThat(sender.awaitConnected(Duration.ofSeconds(10))).isPositive();
            long start = System.nanoTime();
            forwarder.start();
            double writtenSeconds = Double.NaN;
            while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(60)) {
                if (forwarder.stats().sent() >= n) {
                    writtenSeconds = (System.nanoTime() - start) / 1e9;
                    break;
                }
                Thread.sleep(1);
            }
            List<Integer> ids = awaitDistinct("rate", n, Duration.ofSeconds(60));
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("forwarder handed all %d records to TLS in %.2f s (%.0f records/s)%n", n,
                    writtenSeconds, n / writtenSeconds);
            assertThat(ids).hasSize(n).isSorted();
            assertThat(forwarder.stop(Duration.ofSeconds(5))).isTrue();
            System.out.printf("rsyslog drain: %d records in %.2f s = %.0f records/s; spool %d bytes/record"
                    + " (%d-byte XML + 24-byte frame); syslog frame %d bytes/record%n", n, seconds, n / seconds,
                    bytesPerRecord, xml("rate", 1000).length,
                    Rfc5424Formatter.of(syslogConfig()).format(java.time.Instant.now(), xml("rate", 1000)).length
                            + 4);
        }
    }

    @Test
    void outageLosesNothing() throws Exception {
        int n = 2000;
        try (FileAuditSpool spool = spool("outage"); SyslogTlsSender sender = sender(pki.clientCredentials())) {
            AuditForwarder forwarder = new AuditForwarder(spool, sender, Rfc5424Formatter.of(syslogConfig()),
                    ForwarderConfig.defaults());
            forwarder.start();
            assertThat(sender.awaitConnected(Duration.ofSeconds(10))).isPositive();
            AtomicInteger appended = new AtomicInteger();
            List<Long> appendNanos = Collections.synchronizedList(new ArrayList<>());
            Thread appender = new Thread(() -> {
                try {
                    for (int i = 1; i <= n; i++) {
                        long t = System.nanoTime();
                        spool.append(xml("outage", i));
                        appendNanos.add(System.nanoTime() - t);
                        appended.set(i);
                        Thread.sleep(0, 500_000 * (i % 2)); // ~0.25 ms average pause: ~3-4 s of appends
                    }
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            appender.start();
            while (appended.get() < 300) {
                Thread.sleep(5);
            }
            rsyslog.stop();
            int atStop = appended.get();
            long down = System.nanoTime();
            Thread.sleep(5000);
            rsyslog.start();
            int atRestart = appended.get();
            double downSeconds = (System.nanoTime() - down) / 1e9;
            appender.join(TimeUnit.SECONDS.toMillis(60));
            List<Integer> ids = awaitDistinct("outage", n, Duration.ofSeconds(60));
            assertThat(forwarder.stop(Duration.ofSeconds(5))).isTrue();
            int duplicates = checkCompleteInOrder(ids, n);
            ForwarderStats stats = forwarder.stats();
            long maxAppendMicros = appendNanos.stream().mapToLong(Long::longValue).max().orElse(0) / 1000;
            System.out.printf("outage: rsyslog down %.1f s (records %d..%d appended meanwhile), %d of %d records"
                            + " arrived, %d duplicate line(s), forwarder resent %d, slowest append %d µs%n",
                    downSeconds, atStop, atRestart, ids.stream().distinct().count(), n, duplicates,
                    stats.resent(), maxAppendMicros);
            assertThat((long) duplicates).isLessThanOrEqualTo(stats.resent());
            assertThat(states).contains(ConnectionState.DISCONNECTED);
            assertThat(spool.pending()).isZero();
        }
    }

    @Test
    void spoolKilledMidAppendIsDrainedCompletelyAfterRestart() throws Exception {
        Path dir = tmp.resolve("spool-crash");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                SpoolKillChild.class.getName(), dir.toString(), "crash")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        int durable = 0;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && durable < 1000) {
                if (line.startsWith("durable ")) {
                    durable = Integer.parseInt(line.split(" ")[2]);
                }
            }
            child.destroyForcibly(); // kill -9: no close(), nothing flushed by the spool's own shutdown
        }
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        // And a torn frame, as if the kill had hit the middle of a write().
        try (Stream<Path> files = Files.list(dir)) {
            Path last = files.filter(p -> p.toString().endsWith(".seg")).sorted().reduce((a, b) -> b).orElseThrow();
            Files.write(last, new byte[] {0, 0, 1, 0, 7, 7, 7}, StandardOpenOption.APPEND);
        }
        SpoolConfig config = new SpoolConfig(dir, 64L << 20, 64 << 10, 4096, Duration.ofMillis(50));
        try (FileAuditSpool spool = FileAuditSpool.open(config, SpoolListener.NONE);
             SyslogTlsSender sender = sender(pki.clientCredentials())) {
            int recovered = (int) spool.pending();
            assertThat(spool.recovery().truncatedBytes()).isGreaterThanOrEqualTo(7);
            assertThat(recovered).isGreaterThanOrEqualTo(durable);
            AuditForwarder forwarder = new AuditForwarder(spool, sender, Rfc5424Formatter.of(syslogConfig()),
                    ForwarderConfig.defaults());
            forwarder.start();
            List<Integer> ids = awaitDistinct("crash", recovered, Duration.ofSeconds(60));
            assertThat(forwarder.stop(Duration.ofSeconds(5))).isTrue();
            int duplicates = checkCompleteInOrder(ids, recovered);
            System.out.printf("crash-restart: child killed after %d durable appends; %d recovered (%d torn bytes"
                    + " truncated), all %d arrived at rsyslog, %d duplicate(s)%n", durable, recovered,
                    spool.recovery().truncatedBytes(), recovered, duplicates);
            assertThat(duplicates).isZero();
        }
    }

    @Test
    void clientRsyslogDoesNotPermitIsNeverAcknowledged() throws Exception {
        try (FileAuditSpool spool = spool("stranger"); SyslogTlsSender sender = sender(pki.strangerCredentials())) {
            AuditForwarder forwarder = new AuditForwarder(spool, sender, Rfc5424Formatter.of(syslogConfig()),
                    ForwarderConfig.defaults());
            forwarder.start();
            for (int i = 1; i <= 20; i++) {
                spool.append(xml("stranger", i));
            }
            Thread.sleep(3000);
            forwarder.stop(Duration.ofMillis(100));
            assertThat(received("stranger")).isEmpty();
            // rsyslog closes the connection after the handshake (x509/name): nothing may count as sent.
            assertThat(spool.pending()).isEqualTo(20);
        }
    }
}
