package org.ward.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal contract on a real PostgreSQL 15, started by the test in a throw-away cluster. */
class PostgresMessageJournalTest extends MessageJournalContract {

    private static PostgresJournalBackend backend;

    @BeforeAll
    static void startPostgres() throws Exception {
        backend = PostgresJournalBackend.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (backend != null) {
            backend.destroy();
        }
    }

    @Override
    JournalBackend backend() {
        return backend;
    }

    /** A database that hangs instead of refusing (here: a lock held elsewhere) fails the append at the statement timeout. */
    @Test
    void aWriteHeldUpInTheDatabaseFailsAtTheStatementTimeout(@TempDir Path keys) throws Exception {
        JournalConfig config = backend.newJournal(keys).withWriteTimeout(Duration.ofSeconds(1));
        try (MessageJournal journal = JdbcMessageJournal.open(config);
             Connection locker = backend.rawConnection(config);
             Statement lock = locker.createStatement()) {
            journal.append(JournalRecords.record("MSG-1")).get(10, TimeUnit.SECONDS);
            locker.setAutoCommit(false);
            lock.execute("LOCK TABLE messages IN ACCESS EXCLUSIVE MODE");

            long start = System.nanoTime();
            assertThatThrownBy(() -> journal.append(JournalRecords.record("MSG-2")).get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(JournalException.class).hasMessageContaining("SQLState 57014");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));

            locker.rollback();
            assertThat(journal.append(JournalRecords.record("MSG-3")).get(10, TimeUnit.SECONDS).controlId())
                    .isEqualTo("MSG-3");
            assertThat(journal.count()).isEqualTo(2);
        }
    }
}
