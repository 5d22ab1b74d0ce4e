package org.ward.camel;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ward.engine.Pcd01Samples;
import org.ward.engine.WardFixture;
import org.ward.mllp.MllpClient;
import org.ward.store.DeliveryState;
import org.ward.store.DeliveryStatus;
import org.ward.store.JournalEntry;
import org.ward.store.JournalQuery;

/**
 * {@code camel} destinations end to end: a device sends over MLLP/TLS, Ward journals and
 * acknowledges, and the destination's worker hands each message to the operator's YAML route
 * from {@code ward:<destination>}, in order, again after a failure, and audits it as an Export.
 */
class CamelDestinationTest {

    private static final Path PROJECT = Path.of(System.getProperty("ward.project.root"));
    private static final Path EXAMPLE = PROJECT.resolve("config/examples/routes/alarms-by-priority.yaml");

    @TempDir
    Path dir;

    /** The ward.yaml lines the example's header asks for. */
    private static final String[] ALARM_ROUTING = {
            "destinations:",
            "  - name: alarm-files",
            "    type: camel",
            "routes:",
            "  - name: alarms",
            "    from: devices",
            "    when: {transaction: [PCD-04]}",
            "    to: [alarm-files]"};

    @Test
    void theShippedExampleFilesPcd04AlarmsByPriority() throws Exception {
        Path home = dir.resolve("ward");
        Files.createDirectories(home.resolve("routes"));
        Files.copy(EXAMPLE, home.resolve("routes").resolve(EXAMPLE.getFileName()));
        String medium = withControlId(pcd04(), "ALARM-MEDIUM");
        String high = withControlId(pcd04().replace("|L~PM~SP|", "|H~PH~SP|"), "ALARM-HIGH");
        String low = withControlId(pcd04().replace("|L~PM~SP|", "|PL~L|"), "ALARM-LOW");
        String none = withControlId(pcd04().replace("|L~PM~SP|", "||"), "ALARM-NONE");
        try (WardFixture ward = WardFixture.start(home, WardFixture.options().top(ALARM_ROUTING));
             MllpClient device = ward.connectAsDevice()) {
            for (String alarm : List.of(medium, high, low, none)) {
                assertThat(new String(device.exchange(alarm.getBytes(UTF_8)), UTF_8)).containsPattern("MSA\\|(AA|CA)\\|");
            }
            Path alarms = home.resolve("var/alarms");
            await(() -> files(alarms).size() == 4 && exports(ward) == 4, "four alarm files and four exports");

            assertThat(Files.readString(file(ward, alarms, "medium", "ALARM-MEDIUM"), UTF_8)).isEqualTo(medium);
            assertThat(Files.readString(file(ward, alarms, "high", "ALARM-HIGH"), UTF_8)).isEqualTo(high);
            assertThat(Files.readString(file(ward, alarms, "low", "ALARM-LOW"), UTF_8)).isEqualTo(low);
            assertThat(Files.readString(file(ward, alarms, "unknown", "ALARM-NONE"), UTF_8)).isEqualTo(none);
            assertThat(Files.getPosixFilePermissions(file(ward, alarms, "high", "ALARM-HIGH")))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            try (Stream<Path> all = Files.walk(alarms)) {
                assertThat(all.filter(Files::isRegularFile).map(f -> f.getFileName().toString()))
                        .as("no temporary file left behind").allMatch(n -> n.startsWith("alarm-") && n.endsWith(".hl7"));
            }
            assertThat(ward.audit().invalid()).isEmpty();
        }
    }

    @Test
    void aFailingRouteGetsTheSameMessageAgainUntilItCompletesAndLaterMessagesWait() throws Exception {
        Path home = dir.resolve("ward");
        Path out = dir.resolve("out");
        // Fails the first two attempts at each message; writes Ward's headers, not the message, to see them.
        writeRoute(home, "flaky.yaml", """
                - route:
                    id: flaky
                    from:
                      uri: ward:flaky
                      steps:
                        - filter:
                            simple: "${header.WardAttempt} < 3"
                            steps:
                              - throwException:
                                  exceptionType: java.io.IOException
                                  message: "disk full"
                        - setBody:
                            simple: "${header.WardListener}|${header.WardMessageType}|${header.WardControlId}|${header.WardTransaction}|${header.WardSenderSubject}|${header.WardAttempt}|${header.WardMessageId}"
                        - setHeader: {name: CamelFileName, simple: "${header.WardControlId}.txt"}
                        - to: "file:%s"
                """.formatted(out));
        try (WardFixture ward = WardFixture.start(home, WardFixture.options().top(
                "destinations:", "  - name: flaky", "    type: camel",
                "routes:", "  - name: all", "    from: devices", "    to: [flaky]"));
             MllpClient device = ward.connectAsDevice()) {
            for (String id : List.of("FIRST", "SECOND")) {
                String message = Pcd01Samples.withControlId(Pcd01Samples.bloodPressure(), id);
                assertThat(new String(device.exchange(message.getBytes(UTF_8)), UTF_8)).contains("MSA|AA|" + id);
            }
            await(() -> Files.exists(out.resolve("SECOND.txt")) && exports(ward) == 2, "both delivered");

            long first = messageId(ward, "FIRST");
            String subject = ward.engine().journal().find(first).orElseThrow().entry().sender().subject();
            assertThat(Files.readString(out.resolve("FIRST.txt")))
                    .isEqualTo("devices|ORU^R01^ORU_R01|FIRST|PCD-01|" + subject + "|3|" + first);
            DeliveryState state = ward.engine().journal().deliveryQueue().states(first).get(0);
            assertThat(state.status()).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(state.attempts()).as("two failed attempts recorded").isEqualTo(2);
            assertThat(state.lastReason()).as("the exception's class, not its message")
                    .isEqualTo("route 'flaky' failed: java.io.IOException");
            assertThat(Files.getLastModifiedTime(out.resolve("FIRST.txt")))
                    .isLessThanOrEqualTo(Files.getLastModifiedTime(out.resolve("SECOND.txt")));
        }
    }

    @Test
    void aRouteRejectingAMessageDeadLettersItAndTheNextOneProceeds() throws Exception {
        Path home = dir.resolve("ward");
        Path out = dir.resolve("out");
        writeRoute(home, "picky.yaml", """
                - route:
                    id: picky
                    from:
                      uri: ward:picky
                      steps:
                        - filter:
                            simple: "${header.WardControlId} == 'BAD'"
                            steps:
                              - throwException:
                                  exceptionType: org.ward.camel.MessageRejectedException
                                  message: "no bed assignment for this device"
                        - setHeader: {name: CamelFileName, simple: "${header.WardControlId}.hl7"}
                        - to: "file:%s"
                """.formatted(out));
        try (WardFixture ward = WardFixture.start(home, WardFixture.options().top(
                "destinations:", "  - name: picky", "    type: camel",
                "routes:", "  - name: all", "    from: devices", "    to: [picky]"));
             MllpClient device = ward.connectAsDevice()) {
            for (String id : List.of("BAD", "GOOD")) {
                String message = Pcd01Samples.withControlId(Pcd01Samples.bloodPressure(), id);
                assertThat(new String(device.exchange(message.getBytes(UTF_8)), UTF_8)).contains("MSA|AA|" + id);
            }
            await(() -> Files.exists(out.resolve("GOOD.hl7")) && exports(ward) == 2, "GOOD delivered after BAD");

            assertThat(ward.engine().journal().deliveryQueue().deadLetters("picky"))
                    .extracting(JournalEntry::controlId).containsExactly("BAD");
            DeliveryState bad = ward.engine().journal().deliveryQueue().states(messageId(ward, "BAD")).get(0);
            assertThat(bad.lastReason()).isEqualTo("rejected by route 'picky': no bed assignment for this device");
            assertThat(Files.exists(out.resolve("BAD.hl7"))).isFalse();
            assertThat(ward.audit().xml()).anySatisfy(xml -> assertThat(xml)
                    .contains("csd-code=\"110106\"", "EventOutcomeIndicator=\"8\""));
        }
    }

    private static String pcd04() throws Exception {
        return Files.readString(PROJECT.resolve("pcd-profiles/src/test/resources/pcd/pcd-04-valid.hl7"), UTF_8);
    }

    private static String withControlId(String message, String controlId) {
        return Pcd01Samples.withControlId(message, controlId);
    }

    private static void writeRoute(Path home, String name, String yaml) throws Exception {
        Files.createDirectories(home.resolve("routes"));
        Files.writeString(home.resolve("routes").resolve(name), yaml);
    }

    private static long messageId(WardFixture ward, String controlId) {
        return ward.engine().journal().list(JournalQuery.byControlId(controlId)).get(0).id();
    }

    /** The alarm file of the message with MSH-10 {@code controlId}, under {@code priority}. */
    private static Path file(WardFixture ward, Path alarms, String priority, String controlId) {
        return alarms.resolve(priority).resolve("alarm-" + messageId(ward, controlId) + ".hl7");
    }

    private static List<Path> files(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(directory)) {
            return all.filter(f -> f.getFileName().toString().endsWith(".hl7")
                    && !f.getFileName().toString().startsWith(".")).toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    private static long exports(WardFixture ward) {
        return ward.audit().xml().stream().filter(xml -> xml.contains("csd-code=\"110106\"")).count();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
