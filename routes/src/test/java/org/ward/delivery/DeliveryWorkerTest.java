package org.ward.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ward.delivery.MisbehavingReceiver.Answer.AA;
import static org.ward.delivery.MisbehavingReceiver.Answer.AE;
import static org.ward.delivery.MisbehavingReceiver.Answer.AR;
import static org.ward.delivery.MisbehavingReceiver.Answer.CA;
import static org.ward.delivery.MisbehavingReceiver.Answer.CA_THEN_AA;
import static org.ward.delivery.MisbehavingReceiver.Answer.CLOSE;
import static org.ward.delivery.MisbehavingReceiver.Answer.LATE_AA;
import static org.ward.delivery.MisbehavingReceiver.Answer.SILENT;
import static org.ward.delivery.MisbehavingReceiver.Answer.WRONG_MSA2;
import static org.ward.delivery.RecordingDeliveryListener.Kind.DEAD_LETTERED;
import static org.ward.delivery.RecordingDeliveryListener.Kind.DELIVERED;
import static org.ward.delivery.RecordingDeliveryListener.Kind.RETRYING;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ward.delivery.MisbehavingReceiver.Answer;
import org.ward.delivery.MisbehavingReceiver.Script;
import org.ward.engine.Pcd01Samples;
import org.ward.pki.TestCertificates;
import org.ward.pki.TestCertificates.Kind;
import org.ward.tls.KeyMaterial;
import org.ward.tls.TlsContexts;
import org.ward.tls.TrustAnchors;

/** A real worker over MLLP/TLS against a receiver that misbehaves as each test scripts it. */
class DeliveryWorkerTest {

    private static final String DESTINATION = "downstream-ehr";
    private static final Duration ACK_TIMEOUT = Duration.ofMillis(500);
    private static final Backoff FAST = new Backoff(Duration.ofMillis(50), Duration.ofMillis(400));
    /** How long the receiver stays down in the outage test: {@code -Dward.delivery.outage=PT60S} for a long one. */
    private static final Duration OUTAGE = Duration.parse(System.getProperty("ward.delivery.outage", "PT5S"));
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @TempDir
    static Path dir;
    static TestCertificates certificates;
    static String sample;

    private final InMemoryDeliveryQueue queue = new InMemoryDeliveryQueue();
    private final RecordingDeliveryListener listener = new RecordingDeliveryListener();
    private final List<Long> ids = new ArrayList<>();
    private MisbehavingReceiver receiver;
    private DeliveryWorker worker;

    @BeforeAll
    static void pki() throws IOException {
        certificates = TestCertificates.create(dir.resolve("certificates"));
        sample = Pcd01Samples.bloodPressure();
    }

    @AfterEach
    void stopEverything() throws Exception {
        if (worker != null) {
            assertThat(worker.stop(Duration.ofSeconds(2))).as("worker stopped").isTrue();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void deliversTwoHundredMessagesInOrderOverOneConnection() throws Exception {
        receiver = receiver(Script.always(AA));
        List<String> sent = queueMessages(1, 200);
        startWorker(AckKind.APPLICATION);

        awaitDrained();

        assertThat(receiver.received()).containsExactlyElementsOf(sent);
        assertThat(queue.deliveredIds(DESTINATION)).containsExactlyElementsOf(ids);
        assertThat(receiver.connections()).isEqualTo(1);
        assertThat(listener.count(DELIVERED)).isEqualTo(200);
        assertThat(listener.count(RETRYING) + listener.count(DEAD_LETTERED)).isZero();
        // Forwarded as received: not one byte changed, MSH-10 included.
        assertThat(receiver.payload("MSG-0137")).isEqualTo(payload("MSG-0137"));
    }

    @Test
    void errorTwiceThenAcceptedResendsTheSameMessageWhileTheRestWait() throws Exception {
        receiver = receiver((id, n) -> id.equals("MSG-0002") && n <= 2 ? AE : AA);
        queueMessages(1, 5);
        startWorker(AckKind.APPLICATION);

        awaitDrained();

        assertThat(receiver.received())
                .containsExactly("MSG-0001", "MSG-0002", "MSG-0002", "MSG-0002", "MSG-0003", "MSG-0004", "MSG-0005");
        assertThat(queue.deliveredIds(DESTINATION)).containsExactlyElementsOf(ids);
        assertThat(listener.kindsFor("MSG-0002")).containsExactly(RETRYING, RETRYING, DELIVERED);
        assertThat(listener.eventsFor("MSG-0002")).extracting(RecordingDeliveryListener.Event::reason)
                .containsExactly("AE", "AE", "AA");
        assertThat(listener.eventsFor("MSG-0002")).extracting(RecordingDeliveryListener.Event::attempt)
                .containsExactly(1, 2, 3);
        assertThat(queue.attempts(ids.get(1))).isEqualTo(2);
        // AE arrives in step with what was sent, so the connection is kept.
        assertThat(receiver.connections()).isEqualTo(1);
    }

    @Test
    void rejectedMessageIsDeadLetteredAndTheNextOneProceeds() throws Exception {
        receiver = receiver((id, n) -> id.equals("MSG-0002") ? AR : AA);
        queueMessages(1, 3);
        startWorker(AckKind.APPLICATION);

        awaitDrained();

        assertThat(queue.deadLetteredIds(DESTINATION)).containsExactly(ids.get(1));
        assertThat(queue.reason(ids.get(1))).isEqualTo("AR ERR-3=200");
        assertThat(queue.deliveredIds(DESTINATION)).containsExactly(ids.get(0), ids.get(2));
        assertThat(listener.kindsFor("MSG-0002")).containsExactly(DEAD_LETTERED);
        assertThat(receiver.received()).containsExactly("MSG-0001", "MSG-0002", "MSG-0003");
    }

    @Test
    void commitRejectIsDeadLetteredToo() throws Exception {
        receiver = receiver((id, n) -> id.equals("MSG-0001") ? Answer.CR : Answer.CA);
        queueMessages(1, 2);
        startWorker(AckKind.COMMIT);

        awaitDrained();

        assertThat(queue.deadLetteredIds(DESTINATION)).containsExactly(ids.get(0));
        assertThat(queue.deliveredIds(DESTINATION)).containsExactly(ids.get(1));
    }

    @Test
    void acknowledgementForAnotherMessageIsNeverAcceptedAndTheConnectionIsReset() throws Exception {
        receiver = receiver((id, n) -> id.equals("MSG-0002") && n == 1 ? WRONG_MSA2 : AA);
        queueMessages(1, 3);
        startWorker(AckKind.APPLICATION);

        awaitDrained();

        assertThat(receiver.received()).containsExactly("MSG-0001", "MSG-0002", "MSG-0002", "MSG-0003");
        assertThat(listener.kindsFor("MSG-0002")).containsExactly(RETRYING, DELIVERED);
        assertThat(listener.eventsFor("MSG-0002").get(0).reason())
                .isEqualTo("AA for another message (MSA-2 \"OTHER-MSG-0002\", sent MSH-10 \"MSG-0002\")");
        assertThat(queue.deliveredIds(DESTINATION)).containsExactlyElementsOf(ids);
        assertThat(receiver.connections()).isEqualTo(2);
    }

    @Test
    void silenceTimesOutThenTheSameMessageIsSentAgainOnANewConnection() throws Exception {
        receiver = receiver((id, n) -> id.equals("MSG-0002") && n == 1 ? SILENT : AA);
        queueMessages(1, 3);
        startWorker(AckKind.APPLICATION);

        awaitDrained();

        // At least once: the receiver got MSG-0002 twice and must de-duplicate by MSH-10.
        assertThat(receiver.count("MSG-0002")).isEqualTo(2);
        assertThat(receiver.received()).containsExactly("MSG-0001", "MSG-0002", "MSG-0002", "MSG-0003");
        assertThat(listener.eventsFor("MSG-0002").get(0).reason()).isEqualTo("no acknowledgement within 500 ms");
        assertThat(listener.kindsFor("MSG-0002")).containsExactly(RETRYING, DELIVERED);
        assertThat(receiver.connections()).isEqualTo(2);
    }

    @Test
    void lateAcknowledgementOnTheAbandonedConnectionIsNeverMatchedToALaterSend() throws Exception {
        receiver = receiver((id, n) -> id.equals("MSG-0002") && n == 1 ? LATE_AA : AA);
        queueMessages(1, 3);
        startWorker(AckKind.APPLICATION);

        awaitDrained();

        assertThat(receiver.received()).containsExactly("MSG-0001", "MSG-0002", "MSG-0002", "MSG-0003");
        assertThat(listener.kindsFor("MSG-0002")).containsExactly(RETRYING, DELIVERED);
        assertThat(listener.kindsFor("MSG-0003")).containsExactly(DELIVERED);
        assertThat(listener.count(RETRYING)).isEqualTo(1);
        assertThat(queue.deliveredIds(DESTINATION)).containsExactlyElementsOf(ids);
    }

    @Test
    void closedConnectionIsReopenedAndTheMessageSentAgain() throws Exception {
        receiver = receiver((id, n) -> id.equals("MSG-0001") && n == 1 ? CLOSE : AA);
        queueMessages(1, 2);
        startWorker(AckKind.APPLICATION);

        awaitDrained();

        assertThat(receiver.received()).containsExactly("MSG-0001", "MSG-0001", "MSG-0002");
        assertThat(listener.kindsFor("MSG-0001")).containsExactly(RETRYING, DELIVERED);
        assertThat(receiver.connections()).isEqualTo(2);
    }

    @Test
    void messagesQueueWhileTheReceiverIsDownAndDrainInOrderAfterwards() throws Exception {
        receiver = receiver(Script.always(AA));
        List<String> sent = new ArrayList<>(queueMessages(1, 5));
        startWorker(AckKind.APPLICATION);
        awaitDrained();

        receiver.goDown();
        sent.addAll(queueMessages(6, 15));
        worker.wake();
        Thread.sleep(OUTAGE.toMillis());

        assertThat(queue.pendingCount(DESTINATION)).isEqualTo(10);
        assertThat(listener.count(RETRYING)).isGreaterThanOrEqualTo(2);
        // Only the first waiting message is tried: nothing behind it is sent or given up on.
        assertThat(listener.events()).filteredOn(e -> e.kind() == RETRYING)
                .allMatch(e -> e.controlId().equals("MSG-0006"));
        assertThat(listener.count(DEAD_LETTERED)).isZero();

        receiver.comeUp();
        awaitDrained();

        assertThat(receiver.received()).containsExactlyElementsOf(sent);
        assertThat(queue.deliveredIds(DESTINATION)).containsExactlyElementsOf(ids);
    }

    @Test
    void receiverRefusingOurCertificateMeansRetryingNotDeadLettering() throws Exception {
        receiver = MisbehavingReceiver.start(receiverContext(certificates.otherPki().trustAnchors()),
                Script.always(AA), ACK_TIMEOUT.multipliedBy(2));
        queueMessages(1, 3);
        startWorker(AckKind.APPLICATION);

        await(() -> listener.count(RETRYING) >= 3, "three failed attempts");

        assertThat(listener.events()).allMatch(e -> e.kind() == RETRYING && e.controlId().equals("MSG-0001"));
        assertThat(queue.pendingCount(DESTINATION)).isEqualTo(3);
        assertThat(queue.deadLetteredIds(DESTINATION)).isEmpty();
        assertThat(receiver.received()).isEmpty();
        assertThat(receiver.handshakeFailures()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void applicationAckAfterAnAcceptAckIsWaitedFor() throws Exception {
        receiver = receiver(Script.always(CA_THEN_AA));
        queueMessages(1, 3);
        startWorker(AckKind.APPLICATION);

        awaitDrained();

        assertThat(listener.events()).extracting(RecordingDeliveryListener.Event::reason).containsOnly("AA");
        assertThat(receiver.connections()).isEqualTo(1);
    }

    @Test
    void acceptAckAloneIsNotEnoughWhenTheApplicationAckIsExpected() throws Exception {
        receiver = receiver((id, n) -> n == 1 ? CA : AA);
        queueMessages(1, 1);
        startWorker(AckKind.APPLICATION);

        awaitDrained();

        assertThat(listener.kindsFor("MSG-0001")).containsExactly(RETRYING, DELIVERED);
        assertThat(listener.eventsFor("MSG-0001").get(0).reason()).isEqualTo("no acknowledgement within 500 ms");
    }

    @Test
    void acceptAckIsEnoughForACommitDestination() throws Exception {
        receiver = receiver(Script.always(CA));
        queueMessages(1, 2);
        startWorker(AckKind.COMMIT);

        awaitDrained();

        assertThat(listener.events()).extracting(RecordingDeliveryListener.Event::reason).containsOnly("CA");
    }

    @Test
    void stopAbandonsTheExchangeInFlightWithinTheGraceAndRecordsNothing() throws Exception {
        receiver = receiver(Script.always(SILENT));
        queueMessages(1, 1);
        worker = new DeliveryWorker(config(AckKind.APPLICATION, Duration.ofSeconds(30)),
                MllpDestination.open(config(AckKind.APPLICATION, Duration.ofSeconds(30))), queue, listener,
                Clock.systemUTC());
        worker.start();
        await(() -> receiver.count("MSG-0001") == 1, "the message to arrive");

        long start = System.nanoTime();
        assertThat(worker.stop(Duration.ofMillis(200))).isTrue();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(queue.pendingCount(DESTINATION)).isEqualTo(1);
        assertThat(queue.attempts(ids.get(0))).isZero();
        assertThat(listener.events()).isEmpty();
    }

    @Test
    void messageWithoutControlIdIsDeadLetteredUnsent() throws Exception {
        receiver = receiver(Script.always(AA));
        ids.add(queue.add(DESTINATION, "", Pcd01Samples.withControlId(sample, "").getBytes(StandardCharsets.ISO_8859_1)));
        queueMessages(2, 2);
        startWorker(AckKind.APPLICATION);

        awaitDrained();

        assertThat(queue.deadLetteredIds(DESTINATION)).containsExactly(ids.get(0));
        assertThat(queue.reason(ids.get(0))).contains("MSH-10 is empty");
        assertThat(receiver.received()).containsExactly("MSG-0002");
    }

    private MisbehavingReceiver receiver(Script script) throws IOException, GeneralSecurityException {
        return MisbehavingReceiver.start(receiverContext(certificates.trustAnchors()), script,
                ACK_TIMEOUT.multipliedBy(2));
    }

    private static SSLContext receiverContext(Path trustedAnchors) throws IOException, GeneralSecurityException {
        TestCertificates.TestCredential server = certificates.server();
        return TlsContexts.sslContext(KeyMaterial.load(server.p12(), server.passwordFile()),
                TrustAnchors.trustManager(trustedAnchors));
    }

    private DestinationConfig config(AckKind kind, Duration ackTimeout) {
        TestCertificates.TestCredential client = certificates.get(Kind.VALID);
        return new DestinationConfig(DESTINATION, "127.0.0.1", receiver.port(), client.p12(), client.passwordFile(),
                certificates.trustAnchors(), ackTimeout, kind, FAST, 1 << 20);
    }

    private void startWorker(AckKind kind) throws IOException, GeneralSecurityException {
        worker = DeliveryWorker.create(config(kind, ACK_TIMEOUT), queue, listener);
        worker.start();
    }

    /** Queues MSG-{@code from} … MSG-{@code to} (inclusive) and returns their control IDs. */
    private List<String> queueMessages(int from, int to) {
        List<String> controlIds = new ArrayList<>();
        LongStream.rangeClosed(from, to).forEach(n -> {
            String controlId = String.format("MSG-%04d", n);
            ids.add(queue.add(DESTINATION, controlId, payload(controlId)));
            controlIds.add(controlId);
        });
        return controlIds;
    }

    private static byte[] payload(String controlId) {
        return Pcd01Samples.withControlId(sample, controlId).getBytes(StandardCharsets.ISO_8859_1);
    }

    private void awaitDrained() throws InterruptedException {
        await(() -> queue.pendingCount(DESTINATION) == 0, "the queue to drain");
    }

    private void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + PATIENCE + " for " + what + "; events " + listener.events());
            }
            Thread.sleep(20);
        }
    }
}
