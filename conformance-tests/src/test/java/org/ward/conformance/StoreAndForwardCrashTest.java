package org.ward.conformance;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ward.engine.Pcd01Samples;
import org.ward.engine.WardFixture;
import org.ward.mllp.MllpClient;
import org.ward.pki.DevelopmentPki;
import org.ward.pki.DevelopmentPkiFiles;
import org.ward.pki.TestCertificates;
import org.ward.tls.Bcp195CipherSuites;
import org.ward.tls.KeyMaterial;
import org.ward.tls.TlsContexts;
import org.ward.tls.TlsProtocol;
import org.ward.tls.TrustAnchors;

/**
 * Store and forward survives kill -9: one device sends PCD-01 messages one after another while Ward
 * (a separate JVM) is killed with SIGKILL at random moments and restarted on the same port. The
 * device resends whatever was not acknowledged, as a real sender does. Every message Ward answered AA
 * must reach the downstream receiver (the journal commits before the ACK), and in the order sent
 * (one delivery worker per destination, in journal order). Duplicates are allowed: a message
 * committed but killed before its ACK is resent by the device, and a delivery killed before the
 * downstream ACK was recorded is delivered again after the restart.
 */
class StoreAndForwardCrashTest {

    /**
     * 2,000 rather than 10,000: on 2 cores each restart (a fresh JVM up to its banner) takes ~7 s and
     * a kill comes every 2-6 s of uptime, so 2,000 messages mean ~17 kills and ~3.5 min; 3,000 took 4.5 min.
     * Raise with -Dward.crash.messages=N.
     */
    private static final int MESSAGES = Integer.getInteger("ward.crash.messages", 2_000);
    private static final int MIN_KILLS = 5;
    /** How long the device keeps trying one message across a kill and restart. */
    private static final Duration RESEND_WINDOW = Duration.ofSeconds(90);

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void everyAcknowledgedMessageIsDeliveredInOrderAcrossRepeatedKill9(@TempDir Path tmp) throws Exception {
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
        String pcd01 = Pcd01Samples.bloodPressure();

        AtomicInteger sent = new AtomicInteger();
        List<String> acknowledged = java.util.Collections.synchronizedList(new ArrayList<>());
        int kills = 0;
        ExecutorService device = Executors.newSingleThreadExecutor();
        WardProcess ward = null;
        try (DownstreamReceiver receiver = DownstreamReceiver.start(receiverTls)) {
            Path config = writeConfig(home, pki, port, receiver.port(), wardClient, downstream.trustAnchors());
            ward = WardProcess.start(projectRoot(), config, log);
            assertThat(ward.port()).isEqualTo(port);
            SSLContext deviceTls = TlsContexts.sslContext(
                    KeyMaterial.load(pki.deviceP12(), KeyMaterial.passwordFileFor(pki.deviceP12())),
                    TrustAnchors.trustManager(pki.trustAnchors()));
            Future<?> sending = device.submit(() -> {
                send(deviceTls, port, pcd01, sent, acknowledged);
                return null;
            });

            while (!sending.isDone()) {
                long killAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(
                        ThreadLocalRandom.current().nextLong(2000, 6001));
                while (!sending.isDone() && System.nanoTime() - killAt < 0) {
                    Thread.sleep(20);
                }
                if (sending.isDone()) {
                    break;
                }
                assertThat(ward.kill()).as("exit code after SIGKILL").isEqualTo(137);
                kills++;
                ward = WardProcess.start(projectRoot(), config, log);
            }
            sending.get(); // rethrows the device's failure, if any

            Set<String> expected = new LinkedHashSet<>(acknowledged);
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (!new LinkedHashSet<>(receiver.received()).containsAll(expected) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            List<String> received = receiver.received();
            List<String> unique = new ArrayList<>(new LinkedHashSet<>(received));
            System.out.printf("crash: sent=%d, acknowledged=%d, received=%d, unique=%d, duplicates=%d, kills=%d"
                            + " (%d s)%n", sent.get(), acknowledged.size(), received.size(), unique.size(),
                    received.size() - unique.size(), kills, Duration.ofNanos(System.nanoTime() - start).toSeconds());

            assertThat(kills).as("SIGKILLs while the device was sending").isGreaterThanOrEqualTo(MIN_KILLS);
            assertThat(acknowledged).as("every message eventually acknowledged AA").hasSize(MESSAGES);
            assertThat(unique).as("lost: acknowledged but never delivered").containsAll(expected);
            assertThat(unique).as("delivered in the order sent (first occurrences)")
                    .isSortedAccordingTo((a, b) -> Integer.compare(sequence(a), sequence(b)));
            assertThat(unique).as("nothing delivered that the device did not send")
                    .allSatisfy(id -> assertThat(sequence(id)).isBetween(1, MESSAGES));
        } catch (Throwable t) {
            System.out.println("ward run output (all runs, tail):\n" + tail(log));
            throw t;
        } finally {
            device.shutdownNow();
            if (ward != null) {
                ward.close();
            }
            assertThat(device.awaitTermination(30, TimeUnit.SECONDS)).as("device thread stopped").isTrue();
        }
    }

    /**
     * The device: sends C-000001… in order, one at a time; a transport error (Ward killed) means
     * reconnect and resend the same message, for at most {@link #RESEND_WINDOW} per message.
     */
    private static void send(SSLContext tls, int port, String pcd01, AtomicInteger sent, List<String> acknowledged)
            throws Exception {
        MllpClient client = null;
        try {
            for (int i = 1; i <= MESSAGES; i++) {
                String id = controlId(i);
                byte[] message = Pcd01Samples.withControlId(pcd01, id).getBytes(US_ASCII);
                long giveUp = System.nanoTime() + RESEND_WINDOW.toNanos();
                while (true) {
                    try {
                        if (client == null) {
                            client = connect(tls, port);
                        }
                        sent.incrementAndGet();
                        String msa = msa(client.exchange(message));
                        assertThat(msa).as("ACK to %s", id).isEqualTo("MSA|AA|" + id);
                        acknowledged.add(id);
                        break;
                    } catch (IOException e) {
                        closeQuietly(client);
                        client = null;
                        if (System.nanoTime() - giveUp > 0) {
                            throw new AssertionError(id + " not acknowledged within " + RESEND_WINDOW, e);
                        }
                        Thread.sleep(100);
                    }
                }
            }
        } finally {
            closeQuietly(client);
        }
    }

    private static MllpClient connect(SSLContext tls, int port) throws IOException {
        return MllpClient.connect("127.0.0.1", port, tls,
                TlsContexts.clientParameters(List.of(TlsProtocol.values()), Bcp195CipherSuites.ALL),
                Duration.ofSeconds(10), 1048576);
    }

    private static void closeQuietly(MllpClient client) {
        if (client == null) {
            return;
        }
        try {
            client.close();
        } catch (IOException e) {
            // The connection is already broken (Ward was killed); nothing left to release.
        }
    }

    private static Path writeConfig(Path home, DevelopmentPkiFiles pki, int port, int receiverPort,
                                    TestCertificates.TestCredential wardClient, Path downstreamAnchors)
            throws IOException {
        Path config = home.resolve("ward.yaml");
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

    private static String controlId(int i) {
        return String.format("C-%06d", i);
    }

    private static int sequence(String controlId) {
        return Integer.parseInt(controlId.substring("C-".length()));
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
