package org.ward.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.ward.engine.Pcd01Samples;
import org.ward.engine.WardFixture;
import org.ward.pki.DevelopmentPki;
import org.ward.pki.DevelopmentPkiFiles;
import org.ward.pki.TestCertificates;
import org.ward.tls.KeyMaterial;
import org.ward.tls.TlsContexts;
import org.ward.tls.TrustAnchors;

/**
 * Store and forward survives kill -9: eight devices, each on its own connection, send 10,000 PCD-01
 * messages while Ward (a separate JVM) is killed with SIGKILL eight times at random moments and
 * restarted on the same port. Each device sends its own control IDs one after another and resends
 * whatever was not acknowledged, as a real sender does ({@link CrashSender}). Every message Ward
 * answered AA must reach the downstream receiver (the journal commits before the ACK), and in the
 * order its device sent it (one delivery worker per destination, in journal order, and a device waits
 * for each ACK before its next message). Duplicates are allowed and counted: a message committed but
 * killed before its ACK is resent by the device, and a delivery killed before the downstream ACK was
 * recorded is delivered again after the restart.
 *
 * <p>The kills are spread over the flow by progress, not by clock: the messages are cut into nine
 * equal slices and the n-th kill comes at a random acknowledgement count within slice n + 1, so every
 * kill lands while messages flow, however fast or loaded the machine is. A clock (a kill every few
 * seconds of uptime) does not fit 2 cores: a fresh Ward takes ~20 msg/s in its first 10 s (JIT
 * warm-up), so short uptimes never get through 10,000 messages, and long ones give few kills on a
 * fast machine.
 *
 * <p>Eight devices because one device waiting for each fsync'd commit gets ~30 msg/s, while eight
 * share commits (group commit) and get 100-150 msg/s once Ward is warm. Ward runs with C1 only
 * ({@code -XX:TieredStopAtLevel=1}, what {@code WARD_JAVA_OPTS} would pass): a JVM killed every
 * ~15 s then takes about three times as many messages in its first 10 s; the JIT tier changes
 * speed, not behaviour.
 *
 * <p>Measured on 2 cores: 10,000 acknowledged, 8 kills, 16-25 duplicates, devices done after 85-202 s,
 * order kept. In 4 of the first 10 runs the H2 journal lost the last 5-12 messages acknowledged before
 * one kill and this test failed; with H2's background compaction off ({@code AUTO_COMPACT_FILL_RATE=0})
 * the next 5 runs (40 kills) lost nothing. See docs/BENCHMARKS.md, "Store and forward under kill -9".
 */
class StoreAndForwardCrashTest {

    /** All devices together; change with -Dward.crash.messages=N. */
    private static final int MESSAGES = Integer.getInteger("ward.crash.messages", 10_000);
    private static final int DEVICES = 8;
    private static final int KILLS = 8;
    /** What the issue asks for; {@link #KILLS} leaves room above it. */
    private static final int MIN_KILLS = 5;
    /** Once the devices are done: how long the receiver may go without a new message before we stop waiting. */
    private static final Duration DRAIN_STALL = Duration.ofSeconds(30);
    /** Warm-up in a third of the time for a JVM killed every few seconds; see the class comment. */
    private static final List<String> WARD_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1");

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void everyAcknowledgedMessageIsDeliveredInOrderAcrossRepeatedKill9(
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path tmp) throws Exception {
        long start = System.nanoTime();
        TestCertificates downstream = TestCertificates.create(tmp.resolve("downstream"));
        TestCertificates.TestCredential server = downstream.server();
        TestCertificates.TestCredential wardClient = downstream.get(TestCertificates.Kind.VALID);
        SSLContext receiverTls = TlsContexts.sslContext(KeyMaterial.load(server.p12(), server.passwordFile()),
                TrustAnchors.trustManager(downstream.trustAnchors()));
        Path home = Files.createDirectories(tmp.resolve("ward"));
        DevelopmentPkiFiles pki = DevelopmentPki.ensure(home.resolve("var").resolve("pki"));
        int port = freePort();
        Path log = tmp.resolve("ward.log");

        int kills = 0;
        ExecutorService devices = Executors.newFixedThreadPool(DEVICES);
        WardProcess ward = null;
        try (DownstreamReceiver receiver = DownstreamReceiver.start(receiverTls)) {
            Path config = writeConfig(home, pki, port, receiver.port(), wardClient, downstream.trustAnchors());
            ward = WardProcess.start(projectRoot(), config, log, WARD_JVM_OPTIONS);
            assertThat(ward.port()).isEqualTo(port);
            // No bind-device-identity on the listener: every device may present the development device certificate.
            SSLContext deviceTls = TlsContexts.sslContext(
                    KeyMaterial.load(pki.deviceP12(), KeyMaterial.passwordFileFor(pki.deviceP12())),
                    TrustAnchors.trustManager(pki.trustAnchors()));
            String pcd01 = Pcd01Samples.bloodPressure();
            List<CrashSender> senders = new ArrayList<>();
            List<Future<Void>> sending = new ArrayList<>();
            for (int d = 1; d <= DEVICES; d++) {
                int share = MESSAGES / DEVICES + (d <= MESSAGES % DEVICES ? 1 : 0);
                CrashSender sender = new CrashSender(d, share, deviceTls, port, pcd01);
                senders.add(sender);
                sending.add(devices.submit(sender));
            }

            for (int killAt : killPoints()) {
                while (!stopped(senders, sending) && acknowledged(senders) < killAt) {
                    Thread.sleep(5);
                }
                if (stopped(senders, sending)) {
                    break;
                }
                assertThat(ward.kill()).as("exit code after SIGKILL").isEqualTo(137);
                kills++;
                Files.writeString(log, "--- test: SIGKILL " + kills + " after " + acknowledged(senders)
                        + " acknowledgements ---\n", StandardOpenOption.APPEND);
                ward = WardProcess.start(projectRoot(), config, log, WARD_JVM_OPTIONS);
            }
            for (Future<Void> device : sending) {
                device.get(); // rethrows a device's failure, if any
            }
            long sendingSeconds = secondsSince(start);

            Set<String> expected = new HashSet<>();
            senders.forEach(s -> expected.addAll(s.acknowledged()));
            awaitDrain(receiver, expected);
            List<String> received = receiver.received();
            Set<String> receivedIds = new HashSet<>(received);
            int unique = receivedIds.size();
            List<String> lost = expected.stream().filter(id -> !receivedIds.contains(id)).sorted().toList();
            System.out.printf("crash: devices=%d, sent=%d, acknowledged=%d, received=%d, unique=%d, duplicates=%d,"
                            + " lost=%d, kills=%d; devices done after %d s, receiver after %d s%n", DEVICES,
                    senders.stream().mapToInt(CrashSender::sent).sum(), expected.size(), received.size(), unique,
                    received.size() - unique, lost.size(), kills, sendingSeconds, secondsSince(start));
            if (!lost.isEmpty()) {
                System.out.println("lost " + lost + "; what Ward logged about them:\n" + linesAbout(log, lost));
            }

            assertThat(kills).as("SIGKILLs while the devices were sending").isGreaterThanOrEqualTo(MIN_KILLS);
            assertThat(expected).as("every message eventually acknowledged AA").hasSize(MESSAGES);
            assertThat(lost).as("acknowledged AA but never delivered").isEmpty();
            assertThat(received).as("nothing delivered that no device sent")
                    .allSatisfy(id -> assertThat(senders).anyMatch(s -> s.owns(id)));
            for (CrashSender sender : senders) {
                assertInOrderAndSent(sender, received);
            }
        } catch (Throwable t) {
            System.out.println("ward run output (all runs, tail):\n" + tail(log));
            System.out.println("Ward's data directory (journal, audit spool) and log are kept in " + tmp);
            throw t;
        } finally {
            devices.shutdownNow();
            if (ward != null) {
                ward.close();
            }
            assertThat(devices.awaitTermination(30, TimeUnit.SECONDS)).as("device threads stopped").isTrue();
        }
    }

    /**
     * The acknowledgement counts at which Ward is killed: the messages cut into {@link #KILLS} + 1
     * equal slices, one random point in each slice but the first, so the first kill comes after a
     * warm-up and the last still leaves messages to send.
     */
    private static int[] killPoints() {
        int slice = MESSAGES / (KILLS + 1);
        int[] points = new int[KILLS];
        for (int k = 0; k < KILLS; k++) {
            points[k] = (k + 1) * slice + ThreadLocalRandom.current().nextInt(slice);
        }
        return points;
    }

    private static int acknowledged(List<CrashSender> senders) {
        return senders.stream().mapToInt(CrashSender::acknowledgedCount).sum();
    }

    /** All devices are done, or one gave up (no point killing Ward further). */
    private static boolean stopped(List<CrashSender> senders, List<Future<Void>> sending) {
        boolean allDone = true;
        for (int i = 0; i < senders.size(); i++) {
            boolean done = sending.get(i).isDone();
            if (done && !senders.get(i).finished()) {
                return true;
            }
            allDone &= done;
        }
        return allDone;
    }

    /** Until the receiver holds every expected control ID, or has received nothing new for {@link #DRAIN_STALL}. */
    private static void awaitDrain(DownstreamReceiver receiver, Set<String> expected) throws InterruptedException {
        int seen = -1;
        long stallSince = System.nanoTime();
        while (true) {
            List<String> received = receiver.received();
            if (new HashSet<>(received).containsAll(expected)) {
                return;
            }
            if (received.size() != seen) {
                seen = received.size();
                stallSince = System.nanoTime();
            } else if (System.nanoTime() - stallSince > DRAIN_STALL.toNanos()) {
                return; // the assertions say what is missing
            }
            Thread.sleep(200);
        }
    }

    /** One device's messages at the receiver: first occurrences in the order sent, nothing it did not send. */
    private static void assertInOrderAndSent(CrashSender sender, List<String> received) {
        List<String> unique = new ArrayList<>(new LinkedHashSet<>(
                received.stream().filter(sender::owns).toList()));
        String device = "device D" + sender.device();
        assertThat(unique).as("%s: delivered in the order sent (first occurrences)", device)
                .isSortedAccordingTo((a, b) -> Integer.compare(sender.sequence(a), sender.sequence(b)));
        assertThat(unique).as("%s: nothing delivered that the device did not send", device)
                .allSatisfy(id -> assertThat(sender.sequence(id)).isBetween(1, sender.attempted()));
    }

    private static long secondsSince(long nanoTime) {
        return Duration.ofNanos(System.nanoTime() - nanoTime).toSeconds();
    }

    private static Path writeConfig(Path home, DevelopmentPkiFiles pki, int port, int receiverPort,
                                    TestCertificates.TestCredential wardClient, Path downstreamAnchors)
            throws IOException {
        Path config = home.resolve("ward.yaml");
        WardFixture.writeOpenPolicy(home);
        Files.writeString(config, String.join("\n",
                "data-dir: " + home.resolve("var"),
                "development-pki: true",
                "listeners:",
                "  - name: " + WardFixture.LISTENER,
                "    bind: 127.0.0.1",
                "    port: " + port, // fixed: the device reconnects to the same port after each restart
                "    idle-timeout: 5m",
                "    tls:",
                "      key-store: " + pki.serverP12(),
                "      key-store-password-file: " + pki.serverPassword(),
                "      trust-anchors: " + pki.trustAnchors(),
                "      crls: [" + pki.crlPem() + "]",
                "destinations:",
                "  - name: ehr",
                "    type: mllp",
                "    host: 127.0.0.1",
                "    port: " + receiverPort,
                "    key-store: " + wardClient.p12(),
                "    key-store-password-file: " + wardClient.passwordFile(),
                "    trust-anchors: " + downstreamAnchors,
                "    ack-timeout: 2s",
                "routes:",
                "  - name: vitals",
                "    from: " + WardFixture.LISTENER,
                "    to: [ehr]",
                ""));
        return config;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }

    /** The kill markers and every line of the Ward log that names one of {@code controlIds}. */
    private static String linesAbout(Path log, List<String> controlIds) throws IOException {
        try (var lines = Files.lines(log)) {
            return lines.filter(line -> line.startsWith("--- test:") || controlIds.stream().anyMatch(line::contains))
                    .collect(Collectors.joining("\n"));
        }
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(none)";
        }
        String text = Files.readString(log);
        return text.substring(Math.max(0, text.length() - 20_000));
    }

    private static Path projectRoot() {
        return Path.of(System.getProperty("ward.project.root"));
    }
}
