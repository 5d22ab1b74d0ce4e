package org.ward.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** A destination inside Ward: the receiver's answer decides, in order, as an acknowledgement does. */
class HandOffWorkerTest {

    private static final Backoff FAST = new Backoff(Duration.ofMillis(20), Duration.ofMillis(100));

    private final InMemoryDeliveryQueue queue = new InMemoryDeliveryQueue();
    private final RecordingDeliveryListener listener = new RecordingDeliveryListener();
    private final List<String> received = new CopyOnWriteArrayList<>();

    private long add(String controlId) {
        return queue.add("routes", controlId, ("MSH|^~\\&|" + controlId + "\r").getBytes(StandardCharsets.UTF_8));
    }

    private HandOffWorker worker(HandOffWorker.Receiver receiver) {
        return new HandOffWorker("routes", "a test receiver", (message, attempt) -> {
            received.add(message.controlId() + "#" + attempt);
            return receiver.receive(message, attempt);
        }, queue, listener, FAST, Clock.systemUTC());
    }

    @Test
    void eachMessageWaitsForTheOneBeforeItToBeTakenAndAFailedOneComesAgainFirst() throws Exception {
        long first = add("A");
        long second = add("B");
        HandOffWorker worker = worker((message, attempt) -> message.controlId().equals("A") && attempt < 3
                ? AttemptOutcome.retry("not yet") : AttemptOutcome.delivered("taken"));
        worker.start();
        try {
            await(() -> queue.deliveredIds("routes").size() == 2);
        } finally {
            assertThat(worker.stop(Duration.ofSeconds(5))).isTrue();
        }
        assertThat(queue.deliveredIds("routes")).containsExactly(first, second);
        assertThat(received).containsExactly("A#1", "A#2", "A#3", "B#1");
        assertThat(queue.attempts(first)).isEqualTo(2);
        assertThat(listener.kindsFor("A")).containsExactly(RecordingDeliveryListener.Kind.RETRYING,
                RecordingDeliveryListener.Kind.RETRYING, RecordingDeliveryListener.Kind.DELIVERED);
    }

    @Test
    void aRejectedMessageIsDeadLetteredAndTheNextOneProceeds() throws Exception {
        long bad = add("BAD");
        long good = add("GOOD");
        HandOffWorker worker = worker((message, attempt) -> message.controlId().equals("BAD")
                ? AttemptOutcome.rejected("no bed") : AttemptOutcome.delivered("taken"));
        worker.start();
        try {
            await(() -> queue.deliveredIds("routes").size() == 1);
        } finally {
            worker.stop(Duration.ofSeconds(5));
        }
        assertThat(queue.deadLetteredIds("routes")).containsExactly(bad);
        assertThat(queue.reason(bad)).isEqualTo("no bed");
        assertThat(queue.deliveredIds("routes")).containsExactly(good);
    }

    @Test
    void aReceiverThatThrowsFailsTheAttemptNamingOnlyTheExceptionClass() throws Exception {
        long id = add("A");
        HandOffWorker worker = worker((message, attempt) -> {
            if (attempt == 1) {
                throw new IllegalStateException("PID|||12345||Doe^Jane");
            }
            return AttemptOutcome.delivered("taken");
        });
        worker.start();
        try {
            await(() -> queue.deliveredIds("routes").size() == 1);
        } finally {
            worker.stop(Duration.ofSeconds(5));
        }
        assertThat(listener.eventsFor("A").get(0).reason()).isEqualTo("failed: java.lang.IllegalStateException");
        assertThat(queue.attempts(id)).isEqualTo(1);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }
}
