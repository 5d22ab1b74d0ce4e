package org.ward.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sync after commit on its own thread, against a real H2 database whose "sync" statement is a
 * function that waits until the test lets it finish: an append completes only after a sync that
 * began after its batch was handed over, and a failed sync fails its appends. (Public: H2 calls
 * {@link #testSync} by reflection.)
 */
public class DiskSyncTest {

    /** Permits for the blocking sync function: one per sync the test lets finish. */
    private static final Semaphore RELEASED = new Semaphore(0);
    private static final AtomicInteger STARTED = new AtomicInteger();
    private static volatile CountDownLatch started = new CountDownLatch(1);

    @TempDir
    Path dir;

    private ConnectionFactory connections;
    private DiskSync sync;

    /** Called by H2 as {@code CALL TEST_SYNC()}: counts the start, then waits for the test. */
    public static int testSync() throws InterruptedException {
        STARTED.incrementAndGet();
        started.countDown();
        if (!RELEASED.tryAcquire(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test never released the sync");
        }
        return 0;
    }

    @BeforeEach
    void database() throws Exception {
        RELEASED.drainPermits();
        STARTED.set(0);
        started = new CountDownLatch(1);
        String url = "jdbc:h2:file:" + dir.resolve("sync") + ";DB_CLOSE_ON_EXIT=FALSE";
        connections = () -> DriverManager.getConnection(url, "test", "");
        try (Connection c = connections.open(); Statement s = c.createStatement()) {
            s.execute("CREATE ALIAS TEST_SYNC FOR \"" + DiskSyncTest.class.getName() + ".testSync\"");
        }
    }

    @AfterEach
    void close() {
        RELEASED.release(100);
        if (sync != null) {
            sync.close(5_000);
        }
    }

    @Test
    void appendsCompleteOnlyAfterASyncThatBeganAfterTheirBatchWasHandedOver() throws Exception {
        sync = new DiskSync(connections, "CALL TEST_SYNC()", 10);
        List<PendingAppend> first = appends("MSG-1", "MSG-2");
        sync.submit(first, entries(first, 1));
        assertThat(started.await(10, TimeUnit.SECONDS)).as("first sync started").isTrue();

        List<PendingAppend> second = appends("MSG-3");
        sync.submit(second, entries(second, 3));
        assertThat(first.get(0).future()).as("not complete while its sync runs").isNotDone();

        RELEASED.release();
        assertThat(first.get(1).future().get(10, TimeUnit.SECONDS).id()).isEqualTo(2);
        assertThat(first.get(0).future().get(10, TimeUnit.SECONDS).controlId()).isEqualTo("MSG-1");
        // Handed over while the first sync ran: that sync does not cover it; the next one does.
        Thread.sleep(200);
        assertThat(second.get(0).future()).isNotDone();
        RELEASED.release();
        assertThat(second.get(0).future().get(10, TimeUnit.SECONDS).id()).isEqualTo(3);
        assertThat(STARTED.get()).isEqualTo(2);
        assertThat(sync.syncs()).isEqualTo(2);
    }

    @Test
    void oneSyncCoversEveryBatchWaitingWhenItBegins() throws Exception {
        sync = new DiskSync(connections, "CALL TEST_SYNC()", 10);
        List<PendingAppend> first = appends("MSG-1");
        sync.submit(first, entries(first, 1));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        List<PendingAppend> second = appends("MSG-2");
        List<PendingAppend> third = appends("MSG-3");
        sync.submit(second, entries(second, 2));
        sync.submit(third, entries(third, 3));

        RELEASED.release(2);
        assertThat(third.get(0).future().get(10, TimeUnit.SECONDS).id()).isEqualTo(3);
        assertThat(second.get(0).future()).isCompleted();
        assertThat(sync.syncs()).as("the second sync covered both later batches").isEqualTo(2);
    }

    @Test
    void aFailedSyncFailsTheAppendsItWasToCover() {
        sync = new DiskSync(connections, "CALL NO_SUCH_FUNCTION()", 10);
        List<PendingAppend> batch = appends("MSG-1", "MSG-2");
        sync.submit(batch, entries(batch, 1));
        for (PendingAppend pending : batch) {
            assertThat(pending.future()).failsWithin(Duration.ofSeconds(10))
                    .withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(JournalException.class)
                    .withMessageContaining("committed but not known to be on disk");
        }
        assertThat(sync.syncs()).isZero();
    }

    @Test
    void closeSyncsWhatWasHandedOverFirst() throws Exception {
        sync = new DiskSync(connections, "CALL TEST_SYNC()", 10);
        List<PendingAppend> batch = appends("MSG-1");
        sync.submit(batch, entries(batch, 1));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        List<PendingAppend> late = appends("MSG-2");
        sync.submit(late, entries(late, 2));
        RELEASED.release(2);
        sync.close(10_000);
        assertThat(batch.get(0).future()).isCompleted();
        assertThat(late.get(0).future()).isCompleted();
    }

    private static List<PendingAppend> appends(String... controlIds) {
        return java.util.Arrays.stream(controlIds)
                .map(id -> new PendingAppend(JournalRecords.record(id, "PAT-1"), new CompletableFuture<>()))
                .toList();
    }

    private static List<JournalEntry> entries(List<PendingAppend> appends, long firstId) {
        return java.util.stream.IntStream.range(0, appends.size())
                .mapToObj(i -> JournalEntry.accepted(firstId + i, appends.get(i).record()))
                .toList();
    }
}
