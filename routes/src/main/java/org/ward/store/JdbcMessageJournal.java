package org.ward.store;

import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The message journal in H2 or PostgreSQL: appends go through the {@link GroupCommitter}, reads
 * through a {@link JournalReader} and deliveries through a {@link JdbcDeliveryQueue}, each on a
 * connection of its own.
 */
public final class JdbcMessageJournal implements MessageJournal {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcMessageJournal.class);

    private final GroupCommitter committer;
    private final JournalReader reader;
    private final JdbcDeliveryQueue deliveries;
    private final SearchIndexer indexer;

    private JdbcMessageJournal(GroupCommitter committer, JournalReader reader, JdbcDeliveryQueue deliveries,
                               SearchIndexer indexer) {
        this.committer = committer;
        this.reader = reader;
        this.deliveries = deliveries;
        this.indexer = indexer;
    }

    /**
     * Opens the journal: loads (or, on first run, generates) the payload key, migrates the schema,
     * and starts the committer. The database must be reachable now; later outages are survived.
     */
    public static JdbcMessageJournal open(JournalConfig config) {
        return open(config, true);
    }

    /** @param indexInBackground false for tests that index with {@link #indexSearchKeys} only */
    static JdbcMessageJournal open(JournalConfig config, boolean indexInBackground) {
        Objects.requireNonNull(config, "config");
        PayloadCipher cipher = new JournalKeyStore(config.journalDirectory(), new SecureRandom()).openOrCreate();
        try {
            JournalSchema.migrate(JdbcConnections.of(config, true));
        } catch (FlywayException e) {
            throw new JournalException("cannot bring the journal schema up to date in the "
                    + config.kind() + " database", e);
        }
        JdbcConnections connections = JdbcConnections.of(config, false);
        Dialect dialect = Dialect.of(config.kind());
        int timeout = Math.toIntExact(config.writeTimeout().toSeconds());
        BatchWriter writer = new BatchWriter(connections, dialect, cipher, timeout);
        LOG.info("Journal open: {}, group commit {}, key {}", config.kind(),
                config.groupCommit() ? "on (up to " + config.maxBatchRows() + " rows)" : "off", cipher.keyId());
        SearchIndexer indexer = new SearchIndexer(connections, timeout);
        JdbcMessageJournal journal = new JdbcMessageJournal(new GroupCommitter(writer, config),
                new JournalReader(connections, cipher, timeout), new JdbcDeliveryQueue(connections, dialect, cipher, timeout),
                indexer);
        if (indexInBackground) {
            indexer.start();
        }
        return journal;
    }

    @Override
    public CompletableFuture<JournalEntry> append(InboundRecord record) {
        return committer.submit(Objects.requireNonNull(record, "record"));
    }

    @Override
    public Optional<StoredMessage> find(long id) {
        return reader.find(id);
    }

    @Override
    public java.util.Map<Long, JournalEntry> entries(List<Long> ids) {
        return reader.entries(Objects.requireNonNull(ids, "ids"));
    }

    @Override
    public List<JournalEntry> list(JournalQuery query) {
        return reader.list(Objects.requireNonNull(query, "query"));
    }

    @Override
    public long count() {
        return reader.count();
    }

    @Override
    public long purgeDeliveredBefore(Instant cutoff) {
        return deliveries.purgeDeliveredBefore(cutoff);
    }

    @Override
    public JdbcDeliveryQueue deliveryQueue() {
        return deliveries;
    }

    /**
     * Indexes the next committed messages for search now, instead of at the indexer's next round (it
     * rests {@link SearchIndexer#INTERVAL} once caught up); how many it indexed.
     */
    int indexSearchKeys() {
        return indexer.indexOnce();
    }

    /** Transactions committed since open. */
    long transactions() {
        return committer.transactions();
    }

    @Override
    public void close() {
        committer.close();
        try {
            indexer.close();
        } catch (SQLException e) {
            LOG.warn("Closing the search indexer failed ({})", SqlFailures.describe(e));
        }
        try {
            reader.close();
        } catch (SQLException e) {
            LOG.warn("Closing the journal reader failed ({})", SqlFailures.describe(e));
        }
        try {
            deliveries.close();
        } catch (SQLException e) {
            LOG.warn("Closing the delivery queue failed ({})", SqlFailures.describe(e));
        }
    }
}
