package org.ward.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ward.delivery.MisbehavingReceiver.Answer.AA;
import static org.ward.delivery.MisbehavingReceiver.Answer.AE;
import static org.ward.delivery.MisbehavingReceiver.Answer.AR;
import static org.ward.delivery.MisbehavingReceiver.Answer.CE;
import static org.ward.delivery.RecordingDeliveryListener.Kind.DEAD_LETTERED;
import static org.ward.delivery.RecordingDeliveryListener.Kind.DELIVERED;
import static org.ward.delivery.RecordingDeliveryListener.Kind.RETRYING;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ward.delivery.MisbehavingReceiver.Script;
import org.ward.engine.Pcd01Samples;
import org.ward.pki.TestCertificates;
import org.ward.pki.TestCertificates.Kind;
import org.ward.tls.KeyMaterial;
import org.ward.tls.TlsContexts;
import org.ward.tls.TrustAnchors;

/**
 * A worker reads its queue ahead in batches and records deliveries together: order, NAK handling and
 * at-least-once must be exactly what they are one message at a time.
 */
class DeliveryBatchTest {

    private static final String DESTINATION = "downstream-ehr";
    private static final Duration ACK_TIMEOUT = Duration.ofMillis(500);
    private static final Backoff FAST = new Backoff(Duration.ofMillis(50), Duration.ofMillis(400));
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    static TestCertificates certificates;
    static String sample;

    private final InMemoryDeliveryQueue queue = new InMemoryDeliveryQueue();
    private final RecordingDeliveryListener listener = new RecordingDeliveryListener();
    private final List<Long> ids = new ArrayList<>();
    private final List<DeliveryWorker> workers = new ArrayList<>();
    private MisbehavingReceiver receiver;

    @BeforeAll
    static void pki() throws IOException {
        certificates = TestCertificates.create(dir.resolve("certificates"));
        sample = Pcd01Samples.bloodPressure();
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (DeliveryWorker worker : workers) {
            assertThat(worker.stop(Duration.ofSeconds(2))).as("worker stopped").isTrue();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void orderIsKeptAcrossBatchesAndDeliveriesAreRecordedTogether() throws Exception {
        receiver = receiver(Script.always(AA));
        List<String> sent = queueMessages(1, 3 * DeliveryLoop.DEFAULT_BATCH_SIZE + 7);
        CountingQueue counting = new CountingQueue(queue);
        start(counting, listener, FAST);

        awaitDrained();

        assertThat(receiver.received()).containsExactlyElementsOf(sent);
        assertThat(queue.deliveredIds(DESTINATION)).containsExactlyElementsOf(ids);
        assertThat(listener.events()).extracting(RecordingDeliveryListener.Event::controlId)
                .containsExactlyElementsOf(sent);
        assertThat(counting.reads.get()).as("queue reads").isLessThan(sent.size() / 10);
        assertThat(counting.markSizes).allMatch(n -> n >= 1 && n <= DeliveryLoop.DEFAULT_BATCH_SIZE);
        assertThat(counting.markSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(sent.size());
        assertThat(counting.markSizes.size()).as("mark transactions").isLessThan(sent.size());
    }

    @Test
    void aNakInTheMiddleOfABatchHoldsBackEverythingAfterIt() throws Exception {
        // MSG-0040: AE twice, then AA. MSG-0060: CE once. MSG-0070: AR (dead letter), the batch goes on.
        receiver = receiver((id, n) -> switch (id) {
            case "MSG-0040" -> n <= 2 ? AE : AA;
            case "MSG-0060" -> n == 1 ? CE : AA;
            case "MSG-0070" -> AR;
            default -> AA;
        });
        List<String> sent = queueMessages(1, 150);
        start(queue, listener, FAST);

        awaitDrained();

        List<String> expected = new ArrayList<>(sent.subList(0, 40));
        expected.add("MSG-0040");
        expected.add("MSG-0040");
        expected.addAll(sent.subList(40, 60));
        expected.add("MSG-0060");
        expected.addAll(sent.subList(60, 150));
        assertThat(receiver.received()).as("nothing overtakes a message being retried").containsExactlyElementsOf(expected);
        assertThat(listener.kindsFor("MSG-0040")).containsExactly(RETRYING, RETRYING, DELIVERED);
        assertThat(listener.kindsFor("MSG-0060")).containsExactly(RETRYING, DELIVERED);
        assertThat(listener.kindsFor("MSG-0070")).containsExactly(DEAD_LETTERED);
        assertThat(queue.deadLetteredIds(DESTINATION)).containsExactly(ids.get(69));
        assertThat(queue.deliveredIds(DESTINATION)).hasSize(149).doesNotContain(ids.get(69)).isSorted();
        // Every outcome is told in queue order: the deliveries before a retry are recorded before it.
        List<String> told = listener.events().stream().map(RecordingDeliveryListener.Event::controlId).toList();
        assertThat(told.indexOf("MSG-0039")).isLessThan(told.indexOf("MSG-0040"));
        assertThat(told.lastIndexOf("MSG-0069")).isLessThan(told.indexOf("MSG-0070"));
        assertThat(told.indexOf("MSG-0070")).isLessThan(told.indexOf("MSG-0071"));
        assertThat(queue.attempts(ids.get(39))).isEqualTo(2);
    }

    @Test
    void aCrashBeforeTheMarksResendsOnlyTheUnmarkedMessagesInOrder() throws Exception {
        receiver = receiver(Script.always(AA));
        List<String> sent = queueMessages(1, 250);
        // The first worker's process "dies" when it records its second group of deliveries: those were
        // sent, acknowledged and told to the listener (their Export records), but never marked.
        CrashingMarks crashing = new CrashingMarks(queue, 2);
        DeliveryWorker first = start(crashing, listener, new Backoff(Duration.ofMinutes(5), Duration.ofMinutes(5)));
        await(() -> crashing.crashed, "the crash");
        assertThat(first.stop(Duration.ofSeconds(2))).isTrue();
        workers.remove(first);

        List<Long> marked = queue.deliveredIds(DESTINATION);
        List<String> sentBeforeCrash = receiver.received();
        assertThat(marked).as("marks are a prefix of the queue").isNotEmpty()
                .containsExactlyElementsOf(ids.subList(0, marked.size()));
        assertThat(sentBeforeCrash.size()).isGreaterThan(marked.size());
        assertThat(crashing.unmarked).isNotEmpty();
        List<String> told = listener.events().stream().map(RecordingDeliveryListener.Event::controlId).toList();
        assertThat(told).as("every mark follows its Export").startsWith(sent.subList(0, marked.size()).toArray(String[]::new));
        assertThat(sentBeforeCrash).startsWith(told.toArray(String[]::new));

        RecordingDeliveryListener afterRestart = new RecordingDeliveryListener();
        start(queue, afterRestart, FAST);
        awaitDrained();

        int firstUnmarked = marked.size();
        List<String> resent = receiver.received().subList(sentBeforeCrash.size(), receiver.received().size());
        assertThat(resent).as("the restarted worker begins with the first unmarked message")
                .containsExactlyElementsOf(sent.subList(firstUnmarked, sent.size()));
        assertThat(afterRestart.events()).extracting(RecordingDeliveryListener.Event::controlId)
                .containsExactlyElementsOf(sent.subList(firstUnmarked, sent.size()));
        for (int i = 0; i < sent.size(); i++) {
            boolean sentTwice = i >= firstUnmarked && i < sentBeforeCrash.size();
            assertThat(receiver.count(sent.get(i))).as(sent.get(i)).isEqualTo(sentTwice ? 2 : 1);
        }
        assertThat(receiver.received().stream().distinct().toList()).containsExactlyElementsOf(sent);
        assertThat(queue.deliveredIds(DESTINATION)).containsExactlyElementsOf(ids);
    }

    @Test
    void aGroupThatCannotBeRecordedIsSentAgainWithEverythingAfterItInOrder() throws Exception {
        receiver = receiver(Script.always(AA));
        List<String> sent = queueMessages(1, 250);
        FailingOnce failing = new FailingOnce(queue, 2);
        start(failing, listener, FAST);

        awaitDrained();

        assertThat(failing.failed).isTrue();
        assertThat(queue.deliveredIds(DESTINATION)).containsExactlyElementsOf(ids);
        // One rewind: everything up to some point, then again from the first message left unmarked.
        List<String> received = receiver.received();
        int rewind = 0;
        while (rewind < received.size() && received.get(rewind).equals(sent.get(rewind))) {
            rewind++;
        }
        assertThat(rewind).as("the receiver saw a resend").isLessThan(received.size());
        int from = sent.indexOf(received.get(rewind));
        assertThat(from).isLessThan(rewind);
        assertThat(received.subList(rewind, received.size())).containsExactlyElementsOf(sent.subList(from, sent.size()));
    }

    @Test
    void deliveriesTheListenerCannotTakeAreNotMarkedAndAreSentAgain() throws Exception {
        receiver = receiver(Script.always(AA));
        List<String> sent = queueMessages(1, 120);
        List<String> refused = new CopyOnWriteArrayList<>();
        DeliveryListener failingOnce = new DeliveryListener() {
            @Override
            public void delivered(List<DeliveryEvent> events) {
                if (refused.isEmpty()) {
                    events.forEach(e -> refused.add(e.controlId()));
                    throw new IllegalStateException("simulated: the Export records cannot be written");
                }
                listener.delivered(events);
            }
        };
        start(queue, failingOnce, FAST);

        awaitDrained();

        assertThat(refused).isNotEmpty().containsExactlyElementsOf(sent.subList(0, refused.size()));
        assertThat(listener.events()).extracting(RecordingDeliveryListener.Event::controlId)
                .as("every message marked was taken by the listener first").containsExactlyElementsOf(sent);
        for (String controlId : refused) {
            assertThat(receiver.count(controlId)).as(controlId).isEqualTo(2);
        }
        assertThat(receiver.received().stream().distinct().toList()).containsExactlyElementsOf(sent);
        assertThat(queue.deliveredIds(DESTINATION)).containsExactlyElementsOf(ids);
    }

    /** Fails the {@code failAt}-th group of delivered marks, once: a journal that is briefly unavailable. */
    private static final class FailingOnce extends ForwardingQueue {
        private final int failAt;
        private int groups;
        volatile boolean failed;

        FailingOnce(DeliveryQueue queue, int failAt) {
            super(queue);
            this.failAt = failAt;
        }

        @Override
        public void delivered(List<DeliveryEvent> deliveries) {
            if (++groups == failAt) {
                failed = true;
                throw new IllegalStateException("simulated journal failure");
            }
            queue.delivered(deliveries);
        }
    }

    /** Counts reads and the size of every group of delivered marks. */
    private static final class CountingQueue extends ForwardingQueue {
        final AtomicInteger reads = new AtomicInteger();
        final List<Integer> markSizes = new CopyOnWriteArrayList<>();

        CountingQueue(DeliveryQueue queue) {
            super(queue);
        }

        @Override
        public List<QueuedMessage> next(String destination, int max) {
            reads.incrementAndGet();
            return queue.next(destination, max);
        }

        @Override
        public void delivered(List<DeliveryEvent> deliveries) {
            markSizes.add(deliveries.size());
            queue.delivered(deliveries);
        }
    }

    /** Fails the {@code crashAt}-th group of delivered marks and every write after it, like a dead process. */
    private static final class CrashingMarks extends ForwardingQueue {
        private final int crashAt;
        private int groups;
        volatile boolean crashed;
        volatile List<Long> unmarked = List.of();

        CrashingMarks(DeliveryQueue queue, int crashAt) {
            super(queue);
            this.crashAt = crashAt;
        }

        @Override
        public void delivered(List<DeliveryEvent> deliveries) {
            if (crashed || ++groups == crashAt) {
                if (!crashed) {
                    unmarked = deliveries.stream().map(DeliveryEvent::messageId).toList();
                }
                crashed = true;
                throw new IllegalStateException("simulated crash before the marks");
            }
            queue.delivered(deliveries);
        }

        @Override
        public void retryLater(String destination, long messageId, String reason, Instant notBefore) {
            if (crashed) {
                throw new IllegalStateException("simulated crash");
            }
            queue.retryLater(destination, messageId, reason, notBefore);
        }
    }

    private static class ForwardingQueue implements DeliveryQueue {
        final DeliveryQueue queue;

        ForwardingQueue(DeliveryQueue queue) {
            this.queue = queue;
        }

        @Override
        public Optional<QueuedMessage> next(String destination) {
            return queue.next(destination);
        }

        @Override
        public List<QueuedMessage> next(String destination, int max) {
            return queue.next(destination, max);
        }

        @Override
        public void delivered(String destination, long messageId, Instant at) {
            queue.delivered(destination, messageId, at);
        }

        @Override
        public void delivered(List<DeliveryEvent> deliveries) {
            queue.delivered(deliveries);
        }

        @Override
        public void retryLater(String destination, long messageId, String reason, Instant notBefore) {
            queue.retryLater(destination, messageId, reason, notBefore);
        }

        @Override
        public void deadLetter(String destination, long messageId, String reason) {
            queue.deadLetter(destination, messageId, reason);
        }
    }

    private DeliveryWorker start(DeliveryQueue workerQueue, DeliveryListener workerListener, Backoff backoff)
            throws IOException, GeneralSecurityException {
        TestCertificates.TestCredential client = certificates.get(Kind.VALID);
        DestinationConfig config = new DestinationConfig(DESTINATION, "127.0.0.1", receiver.port(), client.p12(),
                client.passwordFile(), certificates.trustAnchors(), ACK_TIMEOUT, AckKind.APPLICATION, backoff, 1 << 20);
        DeliveryWorker worker = new DeliveryWorker(config, MllpDestination.open(config), workerQueue, workerListener,
                Clock.systemUTC());
        workers.add(worker);
        worker.start();
        return worker;
    }

    private MisbehavingReceiver receiver(Script script) throws IOException, GeneralSecurityException {
        TestCertificates.TestCredential server = certificates.server();
        SSLContext context = TlsContexts.sslContext(KeyMaterial.load(server.p12(), server.passwordFile()),
                TrustAnchors.trustManager(certificates.trustAnchors()));
        return MisbehavingReceiver.start(context, script, ACK_TIMEOUT.multipliedBy(2));
    }

    private List<String> queueMessages(int from, int to) {
        List<String> controlIds = new ArrayList<>();
        IntStream.rangeClosed(from, to).forEach(n -> {
            String controlId = String.format("MSG-%04d", n);
            ids.add(queue.add(DESTINATION, controlId,
                    Pcd01Samples.withControlId(sample, controlId).getBytes(StandardCharsets.ISO_8859_1)));
            controlIds.add(controlId);
        });
        return controlIds;
    }

    private void awaitDrained() throws InterruptedException {
        await(() -> queue.pendingCount(DESTINATION) == 0, "the queue to drain");
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }
}
