package org.ward.store;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** A throw-away PostgreSQL 15 cluster, one database per journal; storage goes away when the server stops. */
final class PostgresJournalBackend implements JournalBackend {

    private final PostgresCluster cluster;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresJournalBackend(PostgresCluster cluster) {
        this.cluster = cluster;
    }

    static PostgresJournalBackend start() throws Exception {
        return new PostgresJournalBackend(PostgresCluster.start());
    }

    @Override
    public JournalConfig newJournal(Path dataDir) throws Exception {
        String database = "journal_" + databases.incrementAndGet();
        cluster.createDatabase(database);
        return JournalConfig.postgresql(cluster.url(database), PostgresCluster.USER, cluster.passwordFile(), dataDir);
    }

    @Override
    public void takeStorageAway(JournalConfig config) throws Exception {
        cluster.stop();
    }

    @Override
    public void giveStorageBack(JournalConfig config) throws Exception {
        cluster.startServer();
    }

    /** Stops the server and deletes the cluster. */
    void destroy() throws Exception {
        cluster.destroy();
    }
}
