package org.ward.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The engine's view of the durable message journal. */
public interface MessageJournal extends AutoCloseable {

    /**
     * Journals {@code record}. The future completes only once the row is durably committed, so the
     * caller may acknowledge the message then (AA/CA). A failed future means "not committed": the
     * caller answers AE/CE and the sender retries. It fails with {@link JournalException} when the
     * database refused the write or the journal is closed or full, and with a
     * {@link java.util.concurrent.TimeoutException} after twice the configured write timeout; in that
     * last case the row may, rarely, be committed just after, and the sender's retry journals the
     * message twice (at least once, never lost).
     */
    CompletableFuture<JournalEntry> append(InboundRecord record);

    /** The message with this id and its decrypted payload; fails with {@link PayloadIntegrityException} on a tampered row. */
    Optional<StoredMessage> find(long id);

    /**
     * Metadata of the messages with these ids that exist (patient ids included), by id; payloads are
     * not read. This default finds them one by one.
     */
    default java.util.Map<Long, JournalEntry> entries(List<Long> ids) {
        java.util.Map<Long, JournalEntry> entries = new java.util.HashMap<>();
        for (long id : ids) {
            find(id).ifPresent(stored -> entries.put(id, stored.entry()));
        }
        return java.util.Collections.unmodifiableMap(entries);
    }

    /** Metadata of the entries that match, in id order; payloads are not read. */
    List<JournalEntry> list(JournalQuery query);

    /** How many messages the journal holds. */
    long count();

    /**
     * Deletes the messages every delivery of which was DELIVERED before {@code cutoff}, and those
     * queued for no destination that were received before it, with their deliveries and patient ids.
     * PENDING and DEAD_LETTER messages are kept.
     *
     * @return how many messages were deleted
     */
    long purgeDeliveredBefore(Instant cutoff);

    /**
     * The durable queue of the destinations each appended record named: a committed message is
     * PENDING for each of them. The same instance for the journal's life; closed with it.
     */
    JdbcDeliveryQueue deliveryQueue();

    /** Commits what was already appended, refuses further appends and releases the database. */
    @Override
    void close();
}
