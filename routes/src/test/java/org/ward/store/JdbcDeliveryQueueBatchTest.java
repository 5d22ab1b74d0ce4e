package org.ward.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ward.delivery.DeliveryEvent;
import org.ward.delivery.QueuedMessage;

/** The journal's queue read ahead and marked in groups, as a batching worker uses it (H2). */
class JdbcDeliveryQueueBatchTest {

    private static final String EHR = "ehr";

    @TempDir
    Path dataDir;

    @Test
    void readsAheadInIdOrderAndMarksAGroupInOneTransaction() {
        try (MessageJournal journal = JdbcMessageJournal.open(JournalConfig.h2(dataDir))) {
            List<Long> ids = append(journal, 5);
            JdbcDeliveryQueue queue = journal.deliveryQueue();

            List<QueuedMessage> first = queue.next(EHR, 3);
            assertThat(first).extracting(QueuedMessage::id).containsExactlyElementsOf(ids.subList(0, 3));
            assertThat(new String(first.get(1).payload(), StandardCharsets.UTF_8)).contains("|B-2|");
            assertThat(queue.next(EHR).orElseThrow().id()).isEqualTo(ids.get(0));

            Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            queue.delivered(List.of(event(ids.get(0), at), event(ids.get(1), at.plusMillis(1))));

            assertThat(queue.next(EHR, 10)).extracting(QueuedMessage::id).containsExactlyElementsOf(ids.subList(2, 5));
            assertThat(queue.states(ids.get(1)).get(0).status()).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(queue.counts().get(EHR)).containsEntry("DELIVERED", 2L).containsEntry("PENDING", 3L);
        }
    }

    @Test
    void aGroupWithAMessageThatIsNotPendingMarksNothing() {
        try (MessageJournal journal = JdbcMessageJournal.open(JournalConfig.h2(dataDir))) {
            List<Long> ids = append(journal, 3);
            JdbcDeliveryQueue queue = journal.deliveryQueue();
            queue.delivered(EHR, ids.get(0), Instant.now());

            assertThatThrownBy(() -> queue.delivered(List.of(event(ids.get(1), Instant.now()),
                    event(ids.get(0), Instant.now()))))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("not pending");

            assertThat(queue.next(EHR, 10)).extracting(QueuedMessage::id).containsExactlyElementsOf(ids.subList(1, 3));
            // The connection is usable, and auto-commits again, after the failed group.
            queue.delivered(List.of(event(ids.get(1), Instant.now())));
            assertThat(queue.next(EHR, 10)).extracting(QueuedMessage::id).containsExactly(ids.get(2));
        }
    }

    @Test
    void entriesOfSeveralMessagesComeWithTheirPatients() {
        try (MessageJournal journal = JdbcMessageJournal.open(JournalConfig.h2(dataDir))) {
            List<Long> ids = append(journal, 3);
            Map<Long, JournalEntry> entries = journal.entries(List.of(ids.get(2), ids.get(0), 999_999L));
            assertThat(entries).containsOnlyKeys(ids.get(2), ids.get(0));
            assertThat(entries.get(ids.get(2)).controlId()).isEqualTo("B-3");
            assertThat(entries.get(ids.get(2)).patientIds()).containsExactly("P3", "Q3");
            assertThat(entries.get(ids.get(0))).isEqualTo(journal.find(ids.get(0)).orElseThrow().entry());
            assertThat(journal.entries(List.of())).isEmpty();
        }
    }

    private static DeliveryEvent event(long id, Instant at) {
        return new DeliveryEvent(EHR, id, "B-" + id, 1, at, "AA");
    }

    private static List<Long> append(MessageJournal journal, int n) {
        List<Long> ids = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            InboundRecord record = JournalRecords.record("B-" + i, "P" + i, "Q" + i).withDestinations(List.of(EHR));
            ids.add(journal.append(record).join().id());
        }
        return ids;
    }
}
