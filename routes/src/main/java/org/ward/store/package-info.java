/**
 * The durable message journal: every accepted inbound message is committed here, encrypted, before
 * the engine acknowledges it, and queued for its destinations (store-and-forward).
 *
 * <p>{@link org.ward.store.MessageJournal} is the engine's view; {@link org.ward.store.JdbcMessageJournal}
 * keeps it in H2 (a file in the data directory) or PostgreSQL, with the Flyway migrations in
 * {@code db/journal/}.
 *
 * <ul>
 * <li><b>Group commit.</b> One committer thread owns the write connection. It takes the first waiting
 * append and everything else waiting (up to {@code maxBatchRows}, optionally lingering
 * {@code maxBatchDelay}), inserts them in one transaction, commits, and only then completes their
 * futures. With group commit off, it commits one append per transaction.</li>
 * <li><b>Durability.</b> PostgreSQL: COMMIT returns after the WAL flush (synchronous_commit=on). H2
 * 2.x: {@code WRITE_DELAY=0} makes COMMIT write its chunk to the file, but H2 calls fsync only on
 * {@code CHECKPOINT SYNC} or a clean close, so the committer issues {@code CHECKPOINT SYNC} after each
 * commit: one fsync per batch.</li>
 * <li><b>Encryption at rest.</b> Payloads are sealed with AES-256-GCM (random 12-byte IV, row id as
 * additional data); the column holds IV ‖ ciphertext ‖ tag. The key is a SecretKeyEntry in
 * {@code <data-dir>/journal/journal-key.p12}, password in {@code journal-key.p12.password}, both 0600,
 * generated on first run. Metadata (including patient ids, for lookup) is stored in clear.</li>
 * <li><b>Failures.</b> Statement timeout and (PostgreSQL) socket timeout bound every write; a failed
 * batch fails all its futures, drops the connection, and the next batch reconnects. A run of failures
 * is logged at ERROR once, and its end at INFO. Exceptions and logs carry SQLStates, never row values.</li>
 * <li><b>Delivery queue.</b> An append inserts one PENDING {@code deliveries} row per destination of
 * the record in the transaction that commits the message: committed means queued.
 * {@link org.ward.store.JdbcDeliveryQueue} ({@code MessageJournal.deliveryQueue()}) serves the
 * delivery workers from those rows, oldest PENDING first per destination, on a connection of its own.</li>
 * </ul>
 */
package org.ward.store;
