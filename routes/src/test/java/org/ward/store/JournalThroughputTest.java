package org.ward.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commits per second with and without group commit, on H2 and PostgreSQL (fsync on in both): 16
 * threads, each appending and awaiting its commit before the next, as a listener connection does
 * before it acknowledges. Prints the figures; asserts only that every append was committed.
 */
class JournalThroughputTest {

    private static final int THREADS = 16;
    private static final int APPENDS = 2_000;

    private static PostgresJournalBackend postgres;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = PostgresJournalBackend.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.destroy();
        }
    }

    @Test
    void h2WithAndWithoutGroupCommit() throws Exception {
        measure("h2", true, JournalConfig.h2(dataDir.resolve("group")));
        measure("h2", false, JournalConfig.h2(dataDir.resolve("single")));
    }

    @Test
    void postgresqlWithAndWithoutGroupCommit() throws Exception {
        measure("postgresql", true, postgres.newJournal(dataDir.resolve("group")));
        measure("postgresql", false, postgres.newJournal(dataDir.resolve("single")));
    }

    private static void measure(String database, boolean groupCommit, JournalConfig base) throws Exception {
        Files.createDirectories(base.dataDir());
        JournalConfig config = base.withGroupCommit(groupCommit);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (JdbcMessageJournal journal = JdbcMessageJournal.open(config)) {
            commitAll(journal, pool, 50, "warm-up-");
            long transactionsBefore = journal.transactions();
            long start = System.nanoTime();
            commitAll(journal, pool, APPENDS, "MSG-");
            double seconds = (System.nanoTime() - start) / 1e9;
            double perTransaction = (double) APPENDS / (journal.transactions() - transactionsBefore);
            assertThat(journal.count()).isEqualTo(50 + APPENDS);
            System.out.printf("journal %s %s: %.0f commits/s (%d appends from %d threads in %.2f s,"
                    + " %.1f appends per transaction)%n", database, groupCommit ? "group-commit" : "no-group-commit",
                    APPENDS / seconds, APPENDS, THREADS, seconds, perTransaction);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void commitAll(MessageJournal journal, ExecutorService pool, int appends, String prefix)
            throws Exception {
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            results.add(pool.submit(() -> {
                int committed = 0;
                for (int i = thread; i < appends; i += THREADS) {
                    journal.append(JournalRecords.record(prefix + i, "PAT-" + (i % 100))).get(30, TimeUnit.SECONDS);
                    committed++;
                }
                return committed;
            }));
        }
        int committed = 0;
        for (Future<Integer> result : results) {
            committed += result.get(120, TimeUnit.SECONDS);
        }
        assertThat(committed).isEqualTo(appends);
    }
}
