package org.ward.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.ward.delivery.DeliveryEvent;
import org.ward.delivery.QueuedMessage;

/** What every {@link MessageJournal} database must do; run against H2 and a real PostgreSQL. */
abstract class MessageJournalContract {

    private static final Duration COMMIT_WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dataDir;

    private JournalConfig config;
    private final List<MessageJournal> opened = new ArrayList<>();

    /** The database under test, shared by the tests of one class. */
    abstract JournalBackend backend();

    @BeforeEach
    void newJournal() throws Exception {
        config = backend().newJournal(dataDir);
    }

    @AfterEach
    void closeJournals() {
        opened.forEach(MessageJournal::close);
    }

    private MessageJournal open() {
        MessageJournal journal = JdbcMessageJournal.open(config);
        opened.add(journal);
        return journal;
    }

    private static JournalEntry commit(MessageJournal journal, InboundRecord record) throws Exception {
        return journal.append(record).get(COMMIT_WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void appendCompletesWithTheCommittedEntryAndFindReturnsThePayload() throws Exception {
        MessageJournal journal = open();
        InboundRecord record = JournalRecords.record("MSG-1", "PAT-100", "PAT-200");

        JournalEntry entry = commit(journal, record);

        assertThat(entry.id()).isPositive();
        assertThat(entry.controlId()).isEqualTo("MSG-1");
        assertThat(entry.status()).isEqualTo(MessageStatus.ACCEPTED);
        StoredMessage stored = journal.find(entry.id()).orElseThrow();
        assertThat(stored.entry()).isEqualTo(entry);
        assertThat(stored.payload()).isEqualTo(record.payload());
        assertThat(stored.text()).startsWith("MSH|^~\\&|MONITOR");
        assertThat(stored.entry().receivedAt()).isEqualTo(record.receivedAt());
        assertThat(stored.entry().sender()).isEqualTo(JournalRecords.MONITOR);
        assertThat(stored.entry().patientIds()).containsExactly("PAT-100", "PAT-200");
        assertThat(stored.entry().transaction()).isEqualTo("PCD-01");
        assertThat(journal.count()).isEqualTo(1);
        assertThat(journal.find(entry.id() + 1000)).isEmpty();
    }

    @Test
    void listsMetadataByPatientAndByControlId() throws Exception {
        MessageJournal journal = open();
        JournalEntry first = commit(journal, JournalRecords.record("MSG-1", "PAT-A"));
        JournalEntry second = commit(journal, JournalRecords.record("MSG-2", "PAT-B", "PAT-A"));
        JournalEntry third = commit(journal, JournalRecords.record("MSG-3", "PAT-B"));
        commit(journal, JournalRecords.record("MSG-4"));

        assertThat(journal.list(JournalQuery.byPatient("PAT-A"))).containsExactly(first, second);
        assertThat(journal.list(JournalQuery.byPatient("PAT-B"))).containsExactly(second, third);
        assertThat(journal.list(JournalQuery.byPatient("PAT-C"))).isEmpty();
        assertThat(journal.list(JournalQuery.byControlId("MSG-3"))).containsExactly(third);
        assertThat(journal.list(JournalQuery.byPatient("PAT-B").withControlId("MSG-2"))).containsExactly(second);
        assertThat(journal.list(JournalQuery.all().withMessageType("ORU^R01^ORU_R01")
                .withStatus(MessageStatus.ACCEPTED))).hasSize(4);
        assertThat(journal.list(JournalQuery.all().after(first.id()).limit(2))).containsExactly(second, third);
        assertThat(journal.list(JournalQuery.all().receivedBetween(second.receivedAt(), third.receivedAt())))
                .containsExactly(second);
    }

    @Test
    void idsIncreaseInCommitOrder() throws Exception {
        MessageJournal journal = open();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(commit(journal, JournalRecords.record("MSG-" + i)).id());
        }
        assertThat(ids).isSorted().doesNotHaveDuplicates();
        assertThat(journal.list(JournalQuery.all()).stream().map(JournalEntry::id)).containsExactlyElementsOf(ids);
    }

    @Test
    void idsKeepIncreasingPastOneBlockOfTheSequenceAndAfterAReopen() throws Exception {
        int appends = BatchWriter.ID_BLOCK + 7;
        List<Long> ids = new ArrayList<>();
        try (MessageJournal journal = JdbcMessageJournal.open(config)) {
            // Queued in this order without waiting, so they are committed in this order (many per batch).
            List<CompletableFuture<JournalEntry>> pending = new ArrayList<>();
            for (int i = 0; i < appends; i++) {
                pending.add(journal.append(JournalRecords.record("BLOCK-" + i)));
            }
            for (CompletableFuture<JournalEntry> append : pending) {
                ids.add(append.get(COMMIT_WAIT.toSeconds(), TimeUnit.SECONDS).id());
            }
        }
        assertThat(ids).hasSize(appends).isSorted().doesNotHaveDuplicates();

        MessageJournal reopened = open();
        long after = commit(reopened, JournalRecords.record("AFTER-REOPEN")).id();
        assertThat(after).isGreaterThan(ids.get(ids.size() - 1));
        assertThat(reopened.list(JournalQuery.all().after(ids.get(ids.size() - 1))).stream()
                .map(JournalEntry::controlId)).containsExactly("AFTER-REOPEN");
    }

    @Test
    void anOpenedJournalIsAtTheNewestMigrationSoTheNextStartSkipsFlyway() throws Exception {
        JdbcMessageJournal.open(config).close();
        java.nio.file.Path scripts = java.nio.file.Path.of(getClass().getClassLoader().getResource("db/journal").toURI());
        int newest;
        try (java.util.stream.Stream<java.nio.file.Path> files = Files.list(scripts)) {
            newest = files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElseThrow();
        }
        assertThat(JournalSchema.VERSION).as("JournalSchema.VERSION names the newest script").isEqualTo(String.valueOf(newest));
        try (Connection connection = backend().rawConnection(config)) {
            assertThat(org.ward.schema.AppliedSchema.isAt(connection, JournalSchema.HISTORY_TABLE, JournalSchema.VERSION))
                    .isTrue();
        }
        // Opening again (Flyway skipped) finds the same journal.
        MessageJournal again = open();
        commit(again, JournalRecords.record("AFTER-SKIP"));
        assertThat(again.list(JournalQuery.byControlId("AFTER-SKIP"))).hasSize(1);
    }

    @Test
    void theSchemaKeepsNoIndexOnStatusOrMessageTypeAndNoRandomKeyIndexInTheCommit() throws Exception {
        open();
        Set<String> indexes = new HashSet<>();
        try (Connection connection = backend().rawConnection(config)) {
            for (String table : List.of("messages", "MESSAGES", "message_patients", "MESSAGE_PATIENTS")) {
                try (ResultSet rows = connection.getMetaData().getIndexInfo(null, null, table, false, false)) {
                    while (rows.next()) {
                        if (rows.getString("INDEX_NAME") != null) {
                            indexes.add(rows.getString("INDEX_NAME").toLowerCase(java.util.Locale.ROOT));
                        }
                    }
                }
            }
        }
        assertThat(indexes).contains("messages_received_at_idx")
                .doesNotContain("messages_status_idx", "messages_message_type_idx", "messages_control_id_idx",
                        "message_patients_patient_id_idx");
    }

    @Test
    void searchesFindIndexedAndNotYetIndexedMessagesAlike() throws Exception {
        JdbcMessageJournal journal = JdbcMessageJournal.open(config, false);
        opened.add(journal);
        JournalEntry first = commit(journal, JournalRecords.record("MSG-1", "PAT-A"));
        JournalEntry second = commit(journal, JournalRecords.record("MSG-2", "PAT-B", "PAT-A"));
        assertThat(journal.indexSearchKeys()).isEqualTo(2);
        assertThat(journal.indexSearchKeys()).as("caught up").isZero();
        assertThat(indexedThrough()).isEqualTo(second.id());
        JournalEntry third = commit(journal, JournalRecords.record("MSG-3", "PAT-B"));
        JournalEntry fourth = commit(journal, JournalRecords.record("MSG-2", "PAT-A", "PAT-A"));

        // second is found through search_keys, fourth from its own row: one answer, in id order.
        assertThat(journal.list(JournalQuery.byControlId("MSG-2"))).containsExactly(second, fourth);
        assertThat(journal.list(JournalQuery.byPatient("PAT-A"))).containsExactly(first, second, fourth);
        assertThat(journal.list(JournalQuery.byPatient("PAT-B"))).containsExactly(second, third);
        assertThat(journal.list(JournalQuery.byPatient("PAT-A").limit(2))).containsExactly(first, second);
        assertThat(journal.list(JournalQuery.byPatient("PAT-A").after(first.id()).limit(2)))
                .containsExactly(second, fourth);
        assertThat(journal.list(JournalQuery.byPatient("PAT-B").withControlId("MSG-3"))).containsExactly(third);

        assertThat(journal.indexSearchKeys()).isEqualTo(2);
        assertThat(indexedThrough()).isEqualTo(fourth.id());
        assertThat(journal.list(JournalQuery.byControlId("MSG-2"))).containsExactly(second, fourth);
        assertThat(journal.list(JournalQuery.byPatient("PAT-A"))).containsExactly(first, second, fourth);
        assertThat(count("SELECT COUNT(*) FROM search_keys")).as("C and P keys; PAT-A once for fourth").isEqualTo(9);
    }

    @Test
    void theBackgroundIndexerCatchesUp() throws Exception {
        MessageJournal journal = open();
        JournalEntry last = null;
        for (int i = 0; i < 20; i++) {
            last = commit(journal, JournalRecords.record("BG-" + i, "PAT-BG"));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (indexedThrough() < last.id() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(indexedThrough()).as("indexed by the journal's own indexer").isEqualTo(last.id());
        assertThat(journal.list(JournalQuery.byPatient("PAT-BG"))).hasSize(20);
    }

    @Test
    void theV4MigrationIndexesTheMessagesAnEarlierVersionStored() throws Exception {
        JdbcConnections connections = JdbcConnections.of(config, true);
        org.flywaydb.core.Flyway.configure(JournalSchema.class.getClassLoader())
                .dataSource(connections.url(), connections.user(), connections.password())
                .locations(JournalSchema.LOCATION).table(JournalSchema.HISTORY_TABLE).target("3").load().migrate();
        try (Connection connection = backend().rawConnection(config);
             PreparedStatement insert = connection.prepareStatement("INSERT INTO messages (id, received_at, listener,"
                     + " sender_subject, sender_serial, message_type, control_id, charset, status, payload_key, payload)"
                     + " VALUES (7, CURRENT_TIMESTAMP, 'pcd-01', 'CN=m', '01', 'ORU^R01^ORU_R01', 'OLD-7', 'UTF-8',"
                     + " 'ACCEPTED', 'k', ?)")) {
            insert.setBytes(1, new byte[] {0});
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }
        sql("INSERT INTO message_patients (message_id, ordinal, patient_id) VALUES (7, 0, 'PAT-OLD')");
        sql("INSERT INTO message_patients (message_id, ordinal, patient_id) VALUES (7, 1, 'PAT-OLD')");

        JdbcMessageJournal journal = JdbcMessageJournal.open(config, false);
        opened.add(journal);

        assertThat(indexedThrough()).isEqualTo(7);
        assertThat(count("SELECT COUNT(*) FROM search_keys")).isEqualTo(2);
        assertThat(journal.list(JournalQuery.byControlId("OLD-7"))).extracting(JournalEntry::id).containsExactly(7L);
        assertThat(journal.list(JournalQuery.byPatient("PAT-OLD"))).extracting(JournalEntry::id).containsExactly(7L);
        assertThat(journal.indexSearchKeys()).isZero();
    }

    private long indexedThrough() throws Exception {
        return count("SELECT indexed_through FROM search_progress");
    }

    private long count(String query) throws Exception {
        try (Connection connection = backend().rawConnection(config); Statement s = connection.createStatement();
             ResultSet row = s.executeQuery(query)) {
            assertThat(row.next()).isTrue();
            return row.getLong(1);
        }
    }

    @Test
    void concurrentAppendsFromEightThreadsAreEachCommittedOnce() throws Exception {
        MessageJournal journal = open();
        int threads = 8;
        int perThread = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<JournalEntry>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    List<JournalEntry> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        mine.add(commit(journal, JournalRecords.record("T" + thread + "-" + i, "PAT-" + thread)));
                    }
                    return mine;
                }));
            }
            Set<Long> ids = new HashSet<>();
            for (Future<List<JournalEntry>> result : results) {
                List<JournalEntry> mine = result.get(60, TimeUnit.SECONDS);
                // One thread's appends, each awaited before the next, get increasing ids.
                assertThat(mine.stream().map(JournalEntry::id).toList()).isSorted();
                mine.forEach(entry -> assertThat(ids.add(entry.id())).as("id %d twice", entry.id()).isTrue());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(journal.count()).isEqualTo(threads * perThread);
        List<String> controlIds = journal.list(JournalQuery.all().limit(JournalQuery.MAX_LIMIT)).stream()
                .map(JournalEntry::controlId).toList();
        assertThat(controlIds).hasSize(threads * perThread).doesNotHaveDuplicates();
        assertThat(journal.list(JournalQuery.byPatient("PAT-3").limit(JournalQuery.MAX_LIMIT))).hasSize(perThread);
    }

    @Test
    void payloadsAreEncryptedAtRestAndATamperedRowFailsToDecrypt() throws Exception {
        MessageJournal journal = open();
        InboundRecord record = JournalRecords.record("MSG-SECRET", "PAT-SECRET");
        JournalEntry entry = commit(journal, record);
        JournalEntry other = commit(journal, JournalRecords.record("MSG-OTHER", "PAT-OTHER"));

        byte[] stored = rawPayload(entry.id());
        assertThat(stored).hasSize(PayloadCipher.IV_BYTES + record.payload().length + PayloadCipher.TAG_BITS / 8);
        assertThat(new String(stored, StandardCharsets.ISO_8859_1))
                .doesNotContain("MSH|").doesNotContain("PAT-SECRET").doesNotContain("Doe^Jane");

        byte[] tampered = stored.clone();
        tampered[PayloadCipher.IV_BYTES + 5] ^= 0x01;
        writeRawPayload(entry.id(), tampered);
        assertThatThrownBy(() -> journal.find(entry.id()))
                .isInstanceOf(PayloadIntegrityException.class)
                .hasMessageContaining("message " + entry.id())
                .hasMessageNotContaining("PAT-SECRET").hasMessageNotContaining("MSH");

        // The row id is the additional data: a payload moved into another row fails as well.
        writeRawPayload(other.id(), stored);
        assertThatThrownBy(() -> journal.find(other.id())).isInstanceOf(PayloadIntegrityException.class);
    }

    @Test
    void aReopenedJournalFindsEarlierRowsWithTheSameKey() throws Exception {
        InboundRecord record = JournalRecords.record("MSG-1", "PAT-1");
        JournalEntry entry;
        try (MessageJournal journal = JdbcMessageJournal.open(config)) {
            entry = commit(journal, record);
        }
        Path keystore = config.journalDirectory().resolve(JournalKeyStore.KEYSTORE);
        Path password = config.journalDirectory().resolve(JournalKeyStore.PASSWORD);
        byte[] key = Files.readAllBytes(keystore);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keystore))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(password))).isEqualTo("rw-------");

        MessageJournal reopened = open();
        assertThat(reopened.find(entry.id()).orElseThrow().payload()).isEqualTo(record.payload());
        JournalEntry next = commit(reopened, JournalRecords.record("MSG-2"));
        assertThat(next.id()).isGreaterThan(entry.id());
        assertThat(reopened.count()).isEqualTo(2);
        assertThat(Files.readAllBytes(keystore)).isEqualTo(key);
    }

    @Test
    void appendsFailPromptlyWhileStorageIsGoneAndSucceedAgainWhenItReturns() throws Exception {
        MessageJournal journal = open();
        commit(journal, JournalRecords.record("MSG-BEFORE"));
        Logger failureLog = (Logger) LoggerFactory.getLogger(FailurePeriod.class);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        failureLog.addAppender(events);
        try {
            backend().takeStorageAway(config);
            try {
                for (int i = 0; i < 3; i++) {
                    long start = System.nanoTime();
                    CompletableFuture<JournalEntry> append = journal.append(JournalRecords.record("MSG-DOWN-" + i));
                    assertThatThrownBy(() -> append.get(30, TimeUnit.SECONDS))
                            .isInstanceOf(ExecutionException.class)
                            .hasCauseInstanceOf(JournalException.class);
                    Duration took = Duration.ofNanos(System.nanoTime() - start);
                    assertThat(took).as("time to refuse an append").isLessThan(config.writeTimeout().multipliedBy(2));
                }
            } finally {
                backend().giveStorageBack(config);
            }
            JournalEntry after = commit(journal, JournalRecords.record("MSG-AFTER"));
            assertThat(journal.find(after.id())).isPresent();
        } finally {
            failureLog.detachAppender(events);
        }
        assertThat(journal.count()).isEqualTo(2);
        assertThat(journal.list(JournalQuery.byControlId("MSG-DOWN-0"))).isEmpty();
        List<ILoggingEvent> errors = Collections.unmodifiableList(events.list.stream()
                .filter(event -> event.getLevel() == Level.ERROR).toList());
        assertThat(errors).as("one ERROR per failure period").hasSize(1);
        assertThat(events.list).anyMatch(event -> event.getFormattedMessage().startsWith("Journal writes recovered"));
    }

    @Test
    void aClosedJournalRefusesAppends() {
        MessageJournal journal = open();
        journal.close();
        assertThat(journal.append(JournalRecords.record("MSG-LATE"))).failsWithin(Duration.ofSeconds(1))
                .withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(JournalException.class);
    }

    @Test
    void anAppendQueuesTheMessageForEachDestinationAndNextReturnsTheOldestDecrypted() throws Exception {
        MessageJournal journal = open();
        InboundRecord firstRecord = JournalRecords.record("MSG-1", "PAT-1").withDestinations(List.of("a", "b"));
        JournalEntry first = commit(journal, firstRecord);
        JournalEntry second = commit(journal, JournalRecords.record("MSG-2").withDestinations(List.of("a")));
        commit(journal, JournalRecords.record("MSG-3"));
        JdbcDeliveryQueue queue = journal.deliveryQueue();

        QueuedMessage next = queue.next("a").orElseThrow();
        assertThat(next.id()).isEqualTo(first.id());
        assertThat(next.controlId()).isEqualTo("MSG-1");
        assertThat(next.payload()).isEqualTo(firstRecord.payload());
        assertThat(next.attempts()).isZero();
        assertThat(queue.next("b").orElseThrow().id()).isEqualTo(first.id());
        assertThat(queue.next("c")).isEmpty();
        assertThat(queue.counts()).isEqualTo(Map.of("a", Map.of("PENDING", 2L), "b", Map.of("PENDING", 1L)));
        assertThat(second.id()).isGreaterThan(first.id());
    }

    /** A batch with most of the journal delivered: the first pending messages, in id order, each once. */
    @Test
    void nextBatchReadsTheFirstPendingMessagesInIdOrderWhenMostAreDelivered() throws Exception {
        MessageJournal journal = open();
        List<CompletableFuture<JournalEntry>> appends = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            appends.add(journal.append(JournalRecords.record("MSG-" + i, "PAT-" + i).withDestinations(List.of("ehr"))));
        }
        List<DeliveryEvent> delivered = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (CompletableFuture<JournalEntry> append : appends) {
            ids.add(append.get(30, TimeUnit.SECONDS).id());
        }
        Collections.sort(ids);
        for (long id : ids.subList(0, 550)) {
            delivered.add(new DeliveryEvent("ehr", id, "x", 1, Instant.now(), "AA"));
        }
        JdbcDeliveryQueue queue = journal.deliveryQueue();
        queue.delivered(delivered);
        queue.retryLater("ehr", ids.get(550), "connection refused", Instant.now().plusSeconds(60));

        List<QueuedMessage> batch = queue.next("ehr", 30);
        assertThat(batch).extracting(QueuedMessage::id).containsExactlyElementsOf(ids.subList(550, 580));
        assertThat(batch.get(0).attempts()).isEqualTo(1);
        assertThat(batch.get(1).attempts()).isZero();
        assertThat(batch).allSatisfy(m -> assertThat(new String(m.payload(), StandardCharsets.UTF_8))
                .contains("|" + m.controlId() + "|"));
        assertThat(queue.next("ehr", 1000)).extracting(QueuedMessage::id).containsExactlyElementsOf(ids.subList(550, 600));
        assertThat(queue.next("other", 10)).isEmpty();
    }

    /** Delivered marks in one call: all or none, with each delivery's own time. */
    @Test
    void aBatchOfDeliveredMarksIsAllOrNothing() throws Exception {
        MessageJournal journal = open();
        List<JournalEntry> entries = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            entries.add(commit(journal, JournalRecords.record("MSG-" + i).withDestinations(List.of("a", "b"))));
        }
        JdbcDeliveryQueue queue = journal.deliveryQueue();
        Instant first = Instant.parse("2026-11-23T08:00:00.123Z");
        queue.delivered(List.of(new DeliveryEvent("a", entries.get(0).id(), "MSG-1", 1, first, "AA"),
                new DeliveryEvent("b", entries.get(0).id(), "MSG-1", 1, first.plusSeconds(1), "AA"),
                new DeliveryEvent("a", entries.get(1).id(), "MSG-2", 1, first.plusSeconds(2), "AA")));
        assertThat(queue.next("a", 10)).extracting(QueuedMessage::id)
                .containsExactly(entries.get(2).id(), entries.get(3).id());
        assertThat(queue.next("b", 10)).extracting(QueuedMessage::id)
                .containsExactly(entries.get(1).id(), entries.get(2).id(), entries.get(3).id());
        assertThat(queue.states(entries.get(0).id())).extracting(DeliveryState::deliveredAt)
                .containsExactlyInAnyOrder(first, first.plusSeconds(1));

        // MSG-2 is no longer pending for a: the whole batch is refused, MSG-3 stays pending.
        assertThatThrownBy(() -> queue.delivered(List.of(
                new DeliveryEvent("a", entries.get(2).id(), "MSG-3", 1, Instant.now(), "AA"),
                new DeliveryEvent("a", entries.get(1).id(), "MSG-2", 1, Instant.now(), "AA"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not pending");
        assertThat(queue.next("a", 10)).extracting(QueuedMessage::id)
                .containsExactly(entries.get(2).id(), entries.get(3).id());
    }

    @Test
    void deliveredRetryLaterAndDeadLetterMoveTheQueueInIdOrder() throws Exception {
        MessageJournal journal = open();
        List<JournalEntry> entries = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            entries.add(commit(journal, JournalRecords.record("MSG-" + i, "PAT-" + i)
                    .withDestinations(List.of("a", "b"))));
        }
        JdbcDeliveryQueue queue = journal.deliveryQueue();
        long one = entries.get(0).id();
        long two = entries.get(1).id();
        long three = entries.get(2).id();

        // A retry in the future does not let a later message overtake: the same one comes next.
        queue.retryLater("a", one, "connection refused", Instant.now().plusSeconds(3600));
        queue.retryLater("a", one, "x".repeat(2000), Instant.now().plusSeconds(3600));
        QueuedMessage retried = queue.next("a").orElseThrow();
        assertThat(retried.id()).isEqualTo(one);
        assertThat(retried.attempts()).isEqualTo(2);
        assertThat(lastReason(one, "a")).hasSize(JdbcDeliveryQueue.MAX_REASON);

        queue.delivered("a", one, Instant.now());
        assertThat(queue.next("a").orElseThrow().id()).isEqualTo(two);
        queue.deadLetter("a", two, "AR: unknown patient");
        assertThat(queue.next("a").orElseThrow().id()).isEqualTo(three);
        assertThat(queue.next("b").orElseThrow().id()).as("other destinations keep their own place").isEqualTo(one);
        queue.delivered("a", three, Instant.now());
        assertThat(queue.next("a")).isEmpty();

        assertThat(queue.counts()).isEqualTo(Map.of(
                "a", Map.of("DELIVERED", 2L, "DEAD_LETTER", 1L),
                "b", Map.of("PENDING", 3L)));
        assertThat(queue.deadLetters("a")).containsExactly(entries.get(1));
        assertThat(queue.deadLetters("b")).isEmpty();
        assertThatThrownBy(() -> queue.delivered("a", two, Instant.now()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void requeuePutsADeliveredOrDeadLetteredMessageBackInItsPlaceWithAttemptsReset() throws Exception {
        MessageJournal journal = open();
        long one = commit(journal, JournalRecords.record("MSG-1").withDestinations(List.of("a"))).id();
        long two = commit(journal, JournalRecords.record("MSG-2").withDestinations(List.of("a"))).id();
        JdbcDeliveryQueue queue = journal.deliveryQueue();
        queue.retryLater("a", one, "timeout", Instant.now());
        queue.deadLetter("a", one, "AR: unknown patient");

        assertThat(queue.requeue("a", two)).as("a PENDING message is not requeued").isFalse();
        assertThat(queue.requeue("b", one)).as("no delivery to b").isFalse();
        assertThat(queue.requeue("a", one)).isTrue();

        QueuedMessage next = queue.next("a").orElseThrow();
        assertThat(next.id()).as("back before later messages, in id order").isEqualTo(one);
        assertThat(next.attempts()).isZero();
        assertThat(queue.states(one)).containsExactly(
                new DeliveryState("a", DeliveryStatus.PENDING, 0, null, null, null));
        queue.delivered("a", one, Instant.now());
        assertThat(queue.states(one).get(0).status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(queue.requeue("a", one)).isTrue();
        assertThat(queue.next("a").orElseThrow().id()).isEqualTo(one);
    }

    @Test
    void purgeDeletesOnlyMessagesDeliveredEverywhereBeforeTheCutOff() throws Exception {
        MessageJournal journal = open();
        long delivered = commit(journal, JournalRecords.record("MSG-1", "PAT-1")
                .withDestinations(List.of("a", "b"))).id();
        long halfDelivered = commit(journal, JournalRecords.record("MSG-2").withDestinations(List.of("a", "b"))).id();
        long deadLettered = commit(journal, JournalRecords.record("MSG-3").withDestinations(List.of("a"))).id();
        long unrouted = commit(journal, JournalRecords.record("MSG-4")).id();
        JdbcDeliveryQueue queue = journal.deliveryQueue();
        queue.delivered("a", delivered, Instant.now());
        queue.delivered("b", delivered, Instant.now());
        queue.delivered("a", halfDelivered, Instant.now());
        queue.deadLetter("a", deadLettered, "AR");
        ((JdbcMessageJournal) journal).indexSearchKeys();
        assertThat(indexedThrough()).isEqualTo(unrouted);

        assertThat(journal.purgeDeliveredBefore(Instant.now().minusSeconds(3600))).isZero();
        assertThat(journal.purgeDeliveredBefore(Instant.now().plusSeconds(3600))).isEqualTo(2);

        assertThat(journal.find(delivered)).isEmpty();
        assertThat(journal.find(unrouted)).isEmpty();
        assertThat(journal.list(JournalQuery.byPatient("PAT-1"))).isEmpty();
        assertThat(journal.list(JournalQuery.byControlId("MSG-1"))).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM search_keys")).as("the purged messages' keys went with them")
                .isEqualTo(2);
        assertThat(journal.list(JournalQuery.all())).extracting(JournalEntry::id)
                .containsExactly(halfDelivered, deadLettered);
        assertThat(queue.states(delivered)).isEmpty();
        assertThat(queue.counts()).isEqualTo(Map.of(
                "a", Map.of("DELIVERED", 1L, "DEAD_LETTER", 1L),
                "b", Map.of("PENDING", 1L)));
    }

    @Test
    void aReopenedJournalResumesTheQueueWhereItWas() throws Exception {
        List<JournalEntry> entries = new ArrayList<>();
        try (MessageJournal journal = JdbcMessageJournal.open(config)) {
            for (int i = 1; i <= 3; i++) {
                entries.add(commit(journal, JournalRecords.record("MSG-" + i).withDestinations(List.of("a"))));
            }
            journal.deliveryQueue().delivered("a", entries.get(0).id(), Instant.now());
            journal.deliveryQueue().retryLater("a", entries.get(1).id(), "timeout", Instant.now().plusSeconds(5));
        }

        MessageJournal reopened = open();
        QueuedMessage next = reopened.deliveryQueue().next("a").orElseThrow();
        assertThat(next.id()).isEqualTo(entries.get(1).id());
        assertThat(next.attempts()).isEqualTo(1);
        assertThat(reopened.deliveryQueue().counts()).isEqualTo(Map.of("a", Map.of("DELIVERED", 1L, "PENDING", 2L)));
    }

    @Test
    void anAppendWhoseTransactionFailsLeavesNeitherTheMessageNorItsDeliveries() throws Exception {
        MessageJournal journal = open();
        commit(journal, JournalRecords.record("MSG-BEFORE").withDestinations(List.of("a")));
        // The message row goes in first; the refused delivery row must take it back out with it.
        sql("ALTER TABLE deliveries ADD CONSTRAINT test_refuse CHECK (destination <> 'refused')");
        try {
            CompletableFuture<JournalEntry> append =
                    journal.append(JournalRecords.record("MSG-FAILS").withDestinations(List.of("a", "refused")));
            assertThatThrownBy(() -> append.get(COMMIT_WAIT.toSeconds(), TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(JournalException.class);
        } finally {
            sql("ALTER TABLE deliveries DROP CONSTRAINT test_refuse");
        }
        assertThat(journal.list(JournalQuery.byControlId("MSG-FAILS"))).isEmpty();
        assertThat(journal.count()).isEqualTo(1);
        assertThat(journal.deliveryQueue().counts()).isEqualTo(Map.of("a", Map.of("PENDING", 1L)));
        JournalEntry after = commit(journal, JournalRecords.record("MSG-AFTER").withDestinations(List.of("refused")));
        assertThat(journal.deliveryQueue().next("refused").orElseThrow().id()).isEqualTo(after.id());
    }

    private String lastReason(long id, String destination) throws Exception {
        try (Connection connection = backend().rawConnection(config);
             PreparedStatement select = connection.prepareStatement(
                     "SELECT last_reason FROM deliveries WHERE message_id = ? AND destination = ?")) {
            select.setLong(1, id);
            select.setString(2, destination);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getString(1);
            }
        }
    }

    private void sql(String statement) throws Exception {
        try (Connection connection = backend().rawConnection(config); Statement s = connection.createStatement()) {
            s.execute(statement);
        }
    }

    private byte[] rawPayload(long id) throws Exception {
        try (Connection connection = backend().rawConnection(config);
             PreparedStatement select = connection.prepareStatement("SELECT payload FROM messages WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getBytes(1);
            }
        }
    }

    private void writeRawPayload(long id, byte[] payload) throws Exception {
        try (Connection connection = backend().rawConnection(config);
             PreparedStatement update = connection.prepareStatement("UPDATE messages SET payload = ? WHERE id = ?")) {
            update.setBytes(1, payload);
            update.setLong(2, id);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }
}
