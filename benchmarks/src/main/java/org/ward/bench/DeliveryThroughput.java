package org.ward.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import org.ward.camel.YamlRouteReader;
import org.ward.config.WardConfig;
import org.ward.config.WardConfigLoader;
import org.ward.engine.WardEngine;
import org.ward.pki.DevelopmentPkiFiles;
import org.ward.store.InboundRecord;
import org.ward.store.JdbcMessageJournal;
import org.ward.store.JournalConfig;
import org.ward.store.Sender;
import org.ward.tls.KeyMaterial;
import org.ward.tls.TlsContexts;
import org.ward.tls.TrustAnchors;

/**
 * Delivery throughput of one MLLP/TLS destination, as {@code ward run} does it: journals N copies
 * of the shipped PCD-01 (distinct MSH-10s) queued for destination {@code ehr} while Ward is stopped,
 * then starts the engine (H2 journal, audit spool with fsync, the shipped policy with {@code ehr}
 * bound to role ehr, so the RECEIVE view drops NTE) against an in-process {@link DownstreamSink}
 * answering AA, and times the drain: first frame received to last, and until every delivery is
 * marked DELIVERED in the journal. It also reports the CPU time per message of the threads on the
 * critical path (the destination's worker, the receiver's connection thread, the audit spool writer),
 * which depends far less than msg/s on what else the machine is running.
 *
 * <pre>java -cp … -Dward.home=. org.ward.bench.DeliveryThroughput [MESSAGES] [WORK-DIR]</pre>
 */
public final class DeliveryThroughput {

    private static final Sender DEVICE = Sender.of("CN=Development Device,O=Ward Development", "01")
            .withDevice("0123456789abcdef");

    private DeliveryThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        Path work = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("ward-delivery-bench");
        Path home = Path.of(System.getProperty("ward.home", ".")).toAbsolutePath();
        System.out.println("load average at start: " + loadAverage());
        Files.createDirectories(work);
        String policy = Files.readString(home.resolve("config/policy.yaml"));
        Files.writeString(work.resolve("policy.yaml"), policy);

        // 1. The development PKI (ehr.p12 is Ward's client credential towards the destination).
        Files.writeString(work.resolve("ward.yaml"), config(work, -1));
        DevelopmentPkiFiles pki;
        try (WardEngine engine = WardEngine.start(load(work))) {
            pki = engine.developmentPki().orElseThrow();
        }

        // 2. The backlog, journalled while no worker runs.
        byte[] template = Samples.pcd01();
        long started = System.nanoTime();
        try (JdbcMessageJournal journal = JdbcMessageJournal.open(JournalConfig.h2(work.resolve("var")))) {
            List<CompletableFuture<?>> commits = new ArrayList<>();
            for (int i = 1; i <= messages; i++) {
                String controlId = "DT-" + i;
                byte[] payload = withControlId(template, controlId);
                commits.add(journal.append(new InboundRecord(Instant.now(), "devices", DEVICE, "ORU^R01^ORU_R01",
                        controlId, "PCD-01", List.of("789567^^^Imaginary Hospital^PI"), StandardCharsets.ISO_8859_1,
                        payload, List.of("ehr"))));
                if (commits.size() == 2_000) {
                    CompletableFuture.allOf(commits.toArray(CompletableFuture[]::new)).join();
                    commits.clear();
                }
            }
            CompletableFuture.allOf(commits.toArray(CompletableFuture[]::new)).join();
        }
        System.out.printf("journalled %d messages in %.1f s%n", messages, (System.nanoTime() - started) / 1e9);

        // 3. The drain.
        SSLContext tls = TlsContexts.sslContext(KeyMaterial.load(pki.serverP12(), pki.serverPassword()),
                TrustAnchors.trustManager(pki.trustAnchors()));
        Files.writeString(work.resolve("policy.yaml"),
                policy.replaceFirst("(?m)^destinations: \\{\\}", "destinations: {ehr: [ehr]}"));
        try (DownstreamSink.InProcess sink = DownstreamSink.startInProcess(tls, 0)) {
            Files.writeString(work.resolve("ward.yaml"), config(work, sink.port()));
            WardConfig config = load(work);
            long engineStart = System.nanoTime();
            try (WardEngine engine = WardEngine.start(config)) {
                Map<String, Long> cpuAtStart = Map.of();
                long firstFrame = 0;
                long lastFrame = 0;
                long deadline = System.nanoTime() + 30L * 60 * 1_000_000_000;
                while (sink.received().get() < messages && System.nanoTime() < deadline) {
                    if (firstFrame == 0 && sink.received().get() > 0) {
                        firstFrame = System.nanoTime();
                        cpuAtStart = threadCpu();
                    }
                    Thread.sleep(1);
                }
                lastFrame = System.nanoTime();
                long marked;
                while ((marked = delivered(engine)) < messages && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                long allMarked = System.nanoTime();
                Map<String, Long> cpuAtEnd = threadCpu();
                double sendSeconds = (lastFrame - firstFrame) / 1e9;
                double markSeconds = (allMarked - firstFrame) / 1e9;
                System.out.printf("engine start to first frame: %.2f s%n", (firstFrame - engineStart) / 1e9);
                System.out.printf("received %d frames in %.2f s: %.0f msg/s%n", sink.received().get(), sendSeconds,
                        messages / sendSeconds);
                System.out.printf("%d marked DELIVERED after %.2f s: %.0f msg/s%n", marked, markSeconds,
                        messages / markSeconds);
                for (String thread : List.of("ward-delivery-ehr", "ward-delivery-records-ehr", "downstream-connection",
                        "ward-audit-spool-writer", "ward-journal-committer")) {
                    long used = cpuAtEnd.getOrDefault(thread, 0L) - cpuAtStart.getOrDefault(thread, 0L);
                    System.out.printf("CPU of %s: %.1f µs/message%n", thread, used / 1e3 / messages);
                }
            }
        }
        System.out.println("load average at end: " + loadAverage());
    }

    /** CPU nanoseconds used so far by the live threads, summed by name. */
    private static Map<String, Long> threadCpu() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        Map<String, Long> cpu = new java.util.HashMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            long used = threads.getThreadCpuTime(thread.getId());
            if (used > 0) {
                cpu.merge(thread.getName(), used, Long::sum);
            }
        }
        return cpu;
    }

    private static long delivered(WardEngine engine) {
        Map<String, Long> ehr = engine.journal().deliveryQueue().counts().getOrDefault("ehr", Map.of());
        return ehr.getOrDefault("DELIVERED", 0L);
    }

    private static WardConfig load(Path work) throws Exception {
        return WardConfigLoader.load(work.resolve("ward.yaml"), work, new YamlRouteReader());
    }

    /** ward.yaml; with a destination at {@code sinkPort} unless it is negative. */
    private static String config(Path work, int sinkPort) {
        Path pki = work.resolve("var/pki");
        String config = "data-dir: var\n"
                + "development-pki: true\n"
                + "audit:\n"
                + "  spool-cap-bytes: 8589934592\n"
                + "listeners:\n"
                + "  - name: devices\n"
                + "    bind: 127.0.0.1\n"
                + "    port: 0\n"
                + "    tls:\n"
                + "      key-store: var/pki/server.p12\n"
                + "      key-store-password-file: var/pki/server.p12.password\n"
                + "      trust-anchors: var/pki/trust-anchors.pem\n";
        if (sinkPort < 0) {
            return config;
        }
        return config
                + "destinations:\n"
                + "  - name: ehr\n"
                + "    type: mllp\n"
                + "    host: 127.0.0.1\n"
                + "    port: " + sinkPort + "\n"
                + "    key-store: " + pki.resolve("ehr.p12") + "\n"
                + "    key-store-password-file: " + pki.resolve("ehr.p12.password") + "\n"
                + "    trust-anchors: " + pki.resolve("trust-anchors.pem") + "\n"
                + "    ack-timeout: 10s\n"
                + "routes:\n"
                + "  - name: devices-to-ehr\n"
                + "    from: devices\n"
                + "    to: [ehr]\n";
    }

    /** {@code template} with MSH-10 replaced. */
    private static byte[] withControlId(byte[] template, String controlId) {
        String text = new String(template, StandardCharsets.ISO_8859_1);
        int end = text.indexOf('\r');
        String[] fields = text.substring(0, end).split("\\|", -1);
        fields[9] = controlId;
        return (String.join("|", fields) + text.substring(end)).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
