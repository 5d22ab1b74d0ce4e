package org.ward.delivery;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ward.engine.Pcd01Samples;
import org.ward.engine.WardFixture;
import org.ward.mllp.MllpClient;
import org.ward.pki.TestCertificates;

/**
 * The whole path: a device sends over MLLP/TLS, Ward commits each message to the journal with
 * the destinations its route names, answers AA, and a delivery worker forwards the messages in
 * order to a downstream MLLP/TLS receiver; each delivery is audited as an Export (110106).
 */
class StoreAndForwardTest {

    @TempDir
    Path dir;

    @Test
    void acceptedMessagesReachTheDownstreamReceiverInOrderAndAreAuditedAsExports() throws Exception {
        TestCertificates certificates = TestCertificates.create(dir.resolve("downstream"));
        try (MisbehavingReceiver receiver = alwaysAa(certificates);
             WardFixture ward = wardRoutingTo(receiver, certificates, "    when: {transaction: [PCD-01]}");
             MllpClient device = ward.connectAsDevice()) {
            List<String> sent = new ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                String controlId = String.format("SF-%03d", i);
                String ack = new String(device.exchange(
                        Pcd01Samples.withControlId(Pcd01Samples.bloodPressure(), controlId).getBytes(US_ASCII)), US_ASCII);
                assertThat(ack).contains("MSA|AA|" + controlId);
                sent.add(controlId);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (receiver.received().size() < sent.size() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(receiver.received()).containsExactlyElementsOf(sent);
            while (exports(ward) < sent.size() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(exports(ward)).isEqualTo(sent.size());
            assertThat(ward.audit().invalid()).isEmpty();
        }
    }

    @Test
    void messagesRoutedToADirectoryAppearThereAsFilesInOrder() throws Exception {
        Path out = dir.resolve("out");
        java.nio.file.Files.createDirectories(dir.resolve("ward"));
        try (WardFixture ward = WardFixture.start(dir.resolve("ward"), WardFixture.options().top(
                     "destinations:",
                     "  - name: archive",
                     "    type: directory",
                     "    path: " + out,
                     "routes:",
                     "  - name: vitals",
                     "    from: devices",
                     "    to: [archive]"));
             MllpClient device = ward.connectAsDevice()) {
            List<String> sent = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                String controlId = String.format("DIR-%03d", i);
                String message = Pcd01Samples.withControlId(Pcd01Samples.bloodPressure(), controlId);
                assertThat(new String(device.exchange(message.getBytes(US_ASCII)), US_ASCII))
                        .contains("MSA|AA|" + controlId);
                sent.add(message);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (files(out).size() < sent.size() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            List<Path> files = files(out);
            assertThat(files).hasSize(sent.size());
            for (int i = 0; i < sent.size(); i++) {
                assertThat(files.get(i).getFileName().toString()).endsWith(String.format("-DIR-%03d.hl7", i + 1));
                assertThat(java.nio.file.Files.readString(files.get(i), US_ASCII)).isEqualTo(sent.get(i));
            }
            while (exports(ward) < sent.size() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(exports(ward)).isEqualTo(sent.size());
        }
    }

    /** The directory's files in name order, which is delivery order. */
    /** The delivered files: complete {@code .hl7} files only, not the hidden temp file of a write in progress. */
    private static List<Path> files(Path directory) throws java.io.IOException {
        if (!java.nio.file.Files.isDirectory(directory)) {
            return List.of();
        }
        try (var listing = java.nio.file.Files.list(directory)) {
            return listing.filter(f -> {
                String name = f.getFileName().toString();
                return name.endsWith(".hl7") && !name.startsWith(".");
            }).sorted().toList();
        }
    }

    /**
     * The downstream receiver is down for {@code ward.outage} (default 60 s) while messages keep
     * arriving: Ward acknowledges them (they are journaled), queues them, and delivers all of them in
     * order once the receiver is back (the back-off is at most 60 s, so they arrive within about a
     * minute of its return).
     */
    @Test
    void aDownstreamOutageQueuesMessagesThatDrainInOrderAfterwards() throws Exception {
        Duration outage = Duration.parse(System.getProperty("ward.outage", "PT60S"));
        TestCertificates certificates = TestCertificates.create(dir.resolve("downstream"));
        try (MisbehavingReceiver receiver = alwaysAa(certificates);
             WardFixture ward = wardRoutingTo(receiver, certificates);
             MllpClient device = ward.connectAsDevice()) {
            List<String> sent = new ArrayList<>();
            send(device, sent, 1, 5);
            await(() -> receiver.received().size() >= 5, Duration.ofSeconds(30));

            receiver.goDown();
            long downSince = System.nanoTime();
            send(device, sent, 6, 35);
            long remaining = outage.toNanos() - (System.nanoTime() - downSince);
            if (remaining > 0) {
                Thread.sleep(remaining / 1_000_000);
            }
            assertThat(receiver.received()).hasSize(5);
            receiver.comeUp();

            await(() -> receiver.received().size() >= sent.size(), Duration.ofSeconds(90));
            assertThat(receiver.received().stream().distinct().toList()).containsExactlyElementsOf(sent);
        }
    }

    private static MisbehavingReceiver alwaysAa(TestCertificates certificates) throws Exception {
        return Downstream.alwaysAa(certificates);
    }

    /** Ward with destination {@code ehr} (the receiver) and route {@code vitals} from {@code devices} to it. */
    private WardFixture wardRoutingTo(MisbehavingReceiver receiver, TestCertificates certificates, String... when)
            throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("ward"));
        return WardFixture.start(dir.resolve("ward"), WardFixture.options().top(
                Downstream.routeTo(receiver, certificates, when)));
    }

    private static void send(MllpClient device, List<String> sent, int from, int to) throws Exception {
        for (int i = from; i <= to; i++) {
            String controlId = String.format("OUT-%03d", i);
            String ack = new String(device.exchange(
                    Pcd01Samples.withControlId(Pcd01Samples.bloodPressure(), controlId).getBytes(US_ASCII)), US_ASCII);
            assertThat(ack).contains("MSA|AA|" + controlId);
            sent.add(controlId);
        }
    }

    private static void await(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private static long exports(WardFixture ward) {
        return ward.audit().xml().stream().filter(xml -> xml.contains("csd-code=\"110106\"")).count();
    }
}
