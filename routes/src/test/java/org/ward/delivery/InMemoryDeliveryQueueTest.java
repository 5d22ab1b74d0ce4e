package org.ward.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The in-memory queue keeps the contract the journal will: oldest first, failures stay first in line. */
class InMemoryDeliveryQueueTest {

    private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");

    private final InMemoryDeliveryQueue queue = new InMemoryDeliveryQueue();

    @Test
    void nextIsTheOldestUndeliveredMessageOfThatDestination() {
        long a1 = queue.add("a", "M1", bytes("one"));
        long b1 = queue.add("b", "M2", bytes("two"));
        long a2 = queue.add("a", "M3", bytes("three"));

        assertThat(queue.next("a").orElseThrow().id()).isEqualTo(a1);
        assertThat(queue.next("b").orElseThrow().id()).isEqualTo(b1);
        queue.delivered("a", a1, NOW);
        assertThat(queue.next("a").orElseThrow().id()).isEqualTo(a2);
        queue.deadLetter("a", a2, "AR");
        assertThat(queue.next("a")).isEmpty();
        assertThat(queue.next("c")).isEmpty();
    }

    @Test
    void aRetriedMessageStaysFirstEvenBeforeItsNotBefore() {
        long first = queue.add("a", "M1", bytes("one"));
        queue.add("a", "M2", bytes("two"));

        queue.retryLater("a", first, "AE", NOW.plusSeconds(3600));

        QueuedMessage next = queue.next("a").orElseThrow();
        assertThat(next.id()).isEqualTo(first);
        assertThat(next.attempts()).isEqualTo(1);
        assertThat(queue.reason(first)).isEqualTo("AE");
    }

    @Test
    void outcomesOnlyForPendingMessagesOfTheirOwnDestination() {
        long id = queue.add("a", "M1", bytes("one"));

        assertThatThrownBy(() -> queue.delivered("b", id, NOW)).hasMessage("message 1 is queued for a, not b");
        queue.delivered("a", id, NOW);
        assertThatThrownBy(() -> queue.deadLetter("a", id, "AR")).hasMessage("message 1 for a is already delivered");
        assertThatThrownBy(() -> queue.retryLater("a", 99, "AE", NOW)).hasMessage("no message 99");
    }

    @Test
    void queuedMessageCopiesItsPayloadAndNeverPrintsIt() {
        byte[] payload = bytes("PID|1||123^^^HOSP||Doe^John");
        QueuedMessage message = new QueuedMessage(7, "M7", payload, 0);
        payload[0] = 'X';
        message.payload()[1] = 'X';

        assertThat(message.payload()).isEqualTo(bytes("PID|1||123^^^HOSP||Doe^John"));
        assertThat(message.toString()).doesNotContain("Doe").isEqualTo("QueuedMessage[id=7 control-id=M7 bytes=27 attempts=0]");
        assertThat(message).isEqualTo(new QueuedMessage(7, "M7", bytes("PID|1||123^^^HOSP||Doe^John"), 0));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
