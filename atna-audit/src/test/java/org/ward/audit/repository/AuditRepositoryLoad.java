package org.ward.audit.repository;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.ward.audit.syslog.TestPki;

/**
 * Load generator for docs/BENCHMARKS.md, not part of the test run (a main method):
 * <ol>
 *   <li>ingest: N octet-counted PCD-01 Import records (each about 2 KB, 10,000 patients) over ONE mutual
 *       TLS connection into a fresh H2 repository with the hash chain; records/s from the first byte
 *       until the last record is committed;</li>
 *   <li>query: fills a second H2 store with M records through the chain writer (batch inserts), then
 *       times 2,000 look-ups of one patient's records (index on audit_index(kind, val)) on one
 *       connection: p50, p95, p99.</li>
 * </ol>
 * {@code java -cp … org.ward.audit.repository.AuditRepositoryLoad [N=200000] [M=1000000]} (see BENCHMARKS.md).
 */
public final class AuditRepositoryLoad {

    private AuditRepositoryLoad() {
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int stored = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        Path dir = Files.createTempDirectory("ward-audit-load-");
        stages(dir.resolve("stages"));
        TestPki pki = TestPki.create(Files.createDirectories(dir.resolve("pki")));
        if (records > 0) {
            ingest(pki, dir.resolve("ingest"), records);
        }
        if (stored > 0) {
            query(dir.resolve("query"), stored);
        }
    }

    /** CPU time per record of each stage on its own, one thread: independent of other load on the machine. */
    private static void stages(Path dataDir) throws Exception {
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        byte[] frame = Records.importSyslog("PAT-1^^^HOSP&1.2.3&ISO^MR", "MSG-1");
        int n = 20_000;
        for (int round = 0; round < 2; round++) { // first round warms up
            long t = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                RecordAnalyzer.analyze(frame, Instant.now(), "src");
            }
            long analyze = cpu.getCurrentThreadCpuTime() - t;
            byte[] msg = Arrays.copyOfRange(frame, Rfc5424Parser.parse(frame).msgOffset(), frame.length);
            t = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                org.ward.audit.marshal.DicomAuditSchema.validate(msg);
            }
            long validate = cpu.getCurrentThreadCpuTime() - t;
            t = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                AuditRecordExtractor.extract(msg, 0, msg.length);
            }
            long extract = cpu.getCurrentThreadCpuTime() - t;
            if (round == 1) {
                System.out.printf("stages (CPU µs per record, one thread): analyze %.1f (of which XSD validation %.1f,"
                        + " StAX extraction %.1f)%n", analyze / 1e3 / n, validate / 1e3 / n, extract / 1e3 / n);
            }
        }
        AuditRow row = RecordAnalyzer.analyze(frame, Instant.now(), "src");
        int rows = 50_000;
        long wall = System.nanoTime();
        try (AuditStore store = AuditStore.open(AuditStoreConfig.h2(dataDir), new RepositoryStats(), Clock.systemUTC())) {
            for (int i = 0; i < rows; i++) {
                store.append(row);
            }
        }
        double seconds = (System.nanoTime() - wall) / 1e9;
        long writerCpu = 0;
        System.out.printf("store alone: %d analysed records through the chain writer into H2 in %.2f s = %.0f records/s%n",
                rows, seconds, rows / seconds);
    }

    private static void ingest(TestPki pki, Path dataDir, int records) throws Exception {
        byte[][] frames = new byte[1000][];
        for (int i = 0; i < frames.length; i++) {
            byte[] msg = Records.importSyslog("PAT-" + (i % 10_000) + "^^^HOSP&1.2.3&ISO^MR", "MSG-" + i);
            byte[] prefix = (msg.length + " ").getBytes(StandardCharsets.US_ASCII);
            frames[i] = Arrays.copyOf(prefix, prefix.length + msg.length);
            System.arraycopy(msg, 0, frames[i], prefix.length, msg.length);
        }
        AuditRepositoryConfig config = RepositoryPeers.config(pki, Files.createDirectories(dataDir));
        config = new AuditRepositoryConfig(config.bindAddress(), 0, config.maxFrameBytes(), config.handshakeTimeout(),
                config.analysisThreads(), config.tls(), AuditStoreConfig.h2(dataDir));
        try (AuditRepository repository = AuditRepository.start(config)) {
            // warm-up: 20,000 records, not counted
            send(pki, repository, frames, 20_000);
            awaitStored(repository, 20_000);
            long start = System.nanoTime();
            send(pki, repository, frames, records);
            awaitStored(repository, 20_000L + records);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("ingest: %d records (%d bytes each) over one TLS connection in %.2f s = %.0f records/s;"
                            + " frame size %d, analysis threads %d, %s%n", records, frames[0].length, seconds,
                    records / seconds, frames[0].length, config.analysisThreads(), repository.stats());
        }
        long start = System.nanoTime();
        VerifyResult result = AuditRepository.verify(AuditStoreConfig.h2(dataDir), VerifyProgress.NONE);
        System.out.printf("verify: %s in %.2f s%n", result.describe(), (System.nanoTime() - start) / 1e9);
    }

    private static void send(TestPki pki, AuditRepository repository, byte[][] frames, int count) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(pki.keyStore("client"), pki.password());
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        anchors.setCertificateEntry("ca", pki.ca());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(anchors);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1",
                repository.address().getPort())) {
            socket.startHandshake();
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            for (int i = 0; i < count; i++) {
                out.write(frames[i % frames.length]);
            }
            out.flush();
            socket.shutdownOutput();
        }
    }

    private static void awaitStored(AuditRepository repository, long count) throws InterruptedException {
        while (repository.stats().stored() < count) {
            Thread.sleep(5);
        }
    }

    private static void query(Path dataDir, int count) throws Exception {
        AuditStoreConfig config = AuditStoreConfig.h2(dataDir);
        int patients = count / 10;
        AuditRow template = Records.importRow("PAT-0^^^HOSP&1.2.3&ISO^MR", "MSG-0");
        long start = System.nanoTime();
        try (AuditStore store = AuditStore.open(config, new RepositoryStats(), Clock.systemUTC())) {
            for (int i = 0; i < count; i++) {
                String patient = "PAT-" + (i % patients) + "^^^HOSP&1.2.3&ISO^MR";
                java.util.List<IndexEntry> index = template.index().stream()
                        .map(e -> e.kind() == IndexKind.PATIENT_ID ? new IndexEntry(e.kind(), e.ordinal(), patient) : e)
                        .toList();
                store.submit(CompletableFuture.completedFuture(new AuditRow(0, Instant.now(), template.source(),
                        template.status(), null, template.syslogTime(), template.hostname(), template.appName(),
                        template.msgId(), template.eventId(), template.eventAction(), template.eventOutcome(),
                        template.eventTime(), template.rawUnsafe(), index)));
            }
        }
        System.out.printf("query: filled %d records (%d patients) in %.1f s%n", count, patients,
                (System.nanoTime() - start) / 1e9);
        Random random = new Random(42);
        long[] micros = new long[2000];
        try (Connection connection = AuditConnections.forReading(config).open();
             PreparedStatement statement = connection.prepareStatement(AuditTables.SELECT_RECORDS
                     + " WHERE seq IN (SELECT seq FROM audit_index WHERE kind = 'P' AND val = ?)"
                     + " ORDER BY seq DESC LIMIT 100")) {
            for (int round = -500; round < micros.length; round++) { // 500 warm-up look-ups
                String patient = "PAT-" + random.nextInt(patients) + "^^^HOSP&1.2.3&ISO^MR";
                long t = System.nanoTime();
                statement.setString(1, patient);
                int rows = 0;
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        rs.getBytes("raw");
                        rows++;
                    }
                }
                if (rows != 10) {
                    throw new IllegalStateException("expected 10 records for " + patient + ", got " + rows);
                }
                if (round >= 0) {
                    micros[round] = (System.nanoTime() - t) / 1000;
                }
            }
        }
        Arrays.sort(micros);
        System.out.printf("query by patient over %d records (10 rows each, raw read): p50 %.2f ms, p95 %.2f ms,"
                        + " p99 %.2f ms, max %.2f ms%n", count, micros[micros.length / 2] / 1000.0,
                micros[(int) (micros.length * 0.95)] / 1000.0, micros[(int) (micros.length * 0.99)] / 1000.0,
                micros[micros.length - 1] / 1000.0);
    }
}
