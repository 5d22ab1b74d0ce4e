package org.ward.audit.repository;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.ward.audit.fhir.AuditEventSearch;
import org.ward.audit.syslog.TestPki;

/**
 * Load generator for docs/BENCHMARKS.md, not part of the test run (a main method):
 * <ol>
 *   <li>ingest: N octet-counted PCD-01 Import records (each about 2 KB, 10,000 patients) over ONE mutual
 *       TLS connection into a fresh H2 repository with the hash chain; records/s from the first byte
 *       until the last record is committed;</li>
 *   <li>query: fills a second H2 store with M records (M/10 patients, 10 records each) through the chain
 *       writer, then times 3,000 look-ups of one patient's records (index on audit_index(kind, val, seq))
 *       through {@code AuditStore.findByPatient} and through {@code AuditStore.search} (patient and a
 *       one-day date window): p50, p95, p99.</li>
 * </ol>
 * {@code java -cp … org.ward.audit.repository.AuditRepositoryLoad [N=200000] [M=1000000] [query-data-dir]} (see
 * BENCHMARKS.md); a query-data-dir that already holds a store of M records is queried without filling it again.
 * {@code -Dward.load.max-batch-rows=N} sets the ingest store's max-batch-rows; {@code -Dward.load.stages=false}
 * skips the one-thread stage timings.
 */
public final class AuditRepositoryLoad {

    private AuditRepositoryLoad() {
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int stored = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        Path dir = Files.createTempDirectory("ward-audit-load-");
        if (Boolean.parseBoolean(System.getProperty("ward.load.stages", "true"))) {
            stages(dir.resolve("stages"));
        }
        TestPki pki = TestPki.create(Files.createDirectories(dir.resolve("pki")));
        if (records > 0) {
            ingest(pki, dir.resolve("ingest"), records);
        }
        if (stored > 0) {
            query(args.length > 2 ? Path.of(args[2]) : dir.resolve("query"), stored);
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
        long writerCpu;
        try (AuditStore store = AuditStore.open(AuditStoreConfig.h2(dataDir), new RepositoryStats(), Clock.systemUTC())) {
            Thread writer = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("ward-audit-chain-writer")).findFirst().orElseThrow();
            for (int i = 0; i < rows; i++) {
                store.append(row);
            }
            while (store.lastSeq() < rows) {
                Thread.sleep(1);
            }
            writerCpu = cpu.getThreadCpuTime(writer.getId());
        }
        double seconds = (System.nanoTime() - wall) / 1e9;
        System.out.printf("store alone: %d analysed records through the chain writer into H2 in %.2f s = %.0f records/s;"
                + " writer thread CPU %.0f µs per record%n", rows, seconds, rows / seconds, writerCpu / 1e3 / rows);
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
                config.analysisThreads(), config.tls(), AuditStoreConfig.h2(dataDir).withMaxBatchRows(
                Integer.getInteger("ward.load.max-batch-rows", AuditStoreConfig.DEFAULT_MAX_BATCH_ROWS)));
        try (AuditRepository repository = AuditRepository.start(config)) {
            // warm-up: 20,000 records, not counted
            send(pki, repository, frames, 20_000);
            awaitStored(repository, 20_000);
            Map<String, Long> cpuBefore = cpuByStage();
            long start = System.nanoTime();
            send(pki, repository, frames, records);
            awaitStored(repository, 20_000L + records);
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<String, Long> cpuAfter = cpuByStage();
            StringBuilder stages = new StringBuilder("ingest CPU µs per record:");
            cpuAfter.forEach((stage, nanos) -> stages.append(String.format(" %s %.1f", stage,
                    (nanos - cpuBefore.getOrDefault(stage, 0L)) / 1e3 / records)));
            System.out.println(stages);
            System.out.printf("ingest: %d records (%d bytes each) over one TLS connection in %.2f s = %.0f records/s;"
                            + " frame size %d, analysis threads %d, max batch rows %d, %s%n", records, frames[0].length,
                    seconds, records / seconds, frames[0].length, config.analysisThreads(),
                    config.store().maxBatchRows(), repository.stats());
        }
        long start = System.nanoTime();
        VerifyResult result = AuditRepository.verify(AuditStoreConfig.h2(dataDir), VerifyProgress.NONE);
        System.out.printf("verify: %s in %.2f s%n", result.describe(), (System.nanoTime() - start) / 1e9);
    }

    /**
     * CPU time so far of the repository's threads by stage (TLS read and framing on the receive event
     * loops, analysis pool, chain writer) and of the sending thread (TLS write), summed over live threads.
     */
    private static Map<String, Long> cpuByStage() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        Map<String, Long> cpu = new java.util.TreeMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            String name = thread.getName();
            String stage = name.startsWith("ward-audit-receive") ? "receive(TLS+framing)"
                    : name.startsWith("ward-audit-analysis") ? "analysis"
                    : name.equals("ward-audit-chain-writer") ? "writer"
                    : name.equals("main") ? "sender(main)" : null;
            if (stage != null) {
                cpu.merge(stage, Math.max(0, mx.getThreadCpuTime(thread.getId())), Long::sum);
            }
        }
        return cpu;
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
        if (Files.exists(config.directory().resolve("audit.mv.db"))) {
            System.out.printf("query: reusing the store in %s%n", config.directory());
        } else {
            fill(config, count, patients);
        }
        try (AuditStore store = AuditStore.open(config, new RepositoryStats(), Clock.systemUTC())) {
            if (store.lastSeq() != count) {
                throw new IllegalStateException("the store holds " + store.lastSeq() + " records, not " + count);
            }
            Instant eventTime = store.find(1).orElseThrow().eventTime();
            Random random = new Random(42);
            time("findByPatient (AuditStore, newest first, LIMIT 100)", count, () -> {
                String patient = "PAT-" + random.nextInt(patients) + "^^^HOSP&1.2.3&ISO^MR";
                return store.findByPatient(patient, 100).size();
            });
            // ITI-81 shape: patient.identifier and a one-day date window around the records' event time.
            String day = eventTime.toString().substring(0, 10);
            time("search patient + date=" + day + " (AuditStore.search, ITI-81)", count, () -> {
                String patient = "PAT-" + random.nextInt(patients) + "^^^HOSP&1.2.3&ISO^MR";
                return store.search(AuditEventSearch.parse(Map.of("date", List.of(day),
                        "patient.identifier", List.of(patient)))).records().size();
            });
        }
    }

    /** Through the chain writer, as received records would go: pre-analysed rows, {@code patients} patients. */
    private static void fill(AuditStoreConfig config, int count, int patients) throws Exception {
        AuditRow template = Records.importRow("PAT-0^^^HOSP&1.2.3&ISO^MR", "MSG-0");
        long start = System.nanoTime();
        try (AuditStore store = AuditStore.open(config, new RepositoryStats(), Clock.systemUTC())) {
            for (int i = 0; i < count; i++) {
                String id = "PAT-" + (i % patients);
                String cx = id + "^^^HOSP&1.2.3&ISO^MR";
                String msh10 = "MSG-" + i;
                List<IndexEntry> index = template.index().stream().map(e -> switch (e.kind()) {
                    case PATIENT_ID -> new IndexEntry(e.kind(), e.ordinal(), e.ordinal() == 0 ? cx : id);
                    case MSH_10 -> new IndexEntry(e.kind(), e.ordinal(), msh10);
                    default -> e;
                }).toList();
                store.append(new AuditRow(0, Instant.now(), template.source(), template.status(), null,
                        template.syslogTime(), template.hostname(), template.appName(), template.msgId(),
                        template.eventId(), template.eventAction(), template.eventOutcome(), template.eventTime(),
                        template.rawUnsafe(), index));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("query: filled %d records (%d patients) through the chain writer in %.1f s = %.0f records/s%n",
                count, patients, seconds, count / seconds);
    }

    /** 500 warm-up look-ups, then 3,000 timed; each must find one patient's 10 records. */
    private static void time(String what, int count, Callable<Integer> lookUp) throws Exception {
        long[] micros = new long[3000];
        for (int round = -500; round < micros.length; round++) {
            long t = System.nanoTime();
            int rows = lookUp.call();
            if (rows != 10) {
                throw new IllegalStateException(what + ": expected 10 records, got " + rows);
            }
            if (round >= 0) {
                micros[round] = (System.nanoTime() - t) / 1000;
            }
        }
        Arrays.sort(micros);
        System.out.printf("%s over %d records, %d look-ups: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                what, count, micros.length, micros[micros.length / 2] / 1000.0,
                micros[(int) (micros.length * 0.95)] / 1000.0, micros[(int) (micros.length * 0.99)] / 1000.0,
                micros[micros.length - 1] / 1000.0);
    }
}
