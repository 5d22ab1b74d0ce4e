package org.ward.store;

import java.sql.Driver;
import java.util.Optional;

/**
 * What differs between the two databases. The schema itself is one SQL file for both (BYTEA is
 * PostgreSQL's binary type and an H2 alias of BINARY VARYING); only id allocation, the JDBC driver
 * and H2's explicit sync differ.
 */
enum Dialect {

    /**
     * H2 2.x writes a committed transaction to the file (with WRITE_DELAY=0) but calls fsync only on
     * CHECKPOINT SYNC or a clean close (MVStore {@code FileStore.sync}); the journal issues one after
     * every commit, so a commit is on disk when append's future completes.
     */
    H2("SELECT NEXT VALUE FOR message_id_seq FROM SYSTEM_RANGE(1, ?)", "CHECKPOINT SYNC") {
        @Override
        Driver driver() {
            return new org.h2.Driver();
        }
    },

    /** PostgreSQL's COMMIT returns after the WAL is flushed (synchronous_commit=on, the default). */
    POSTGRESQL("SELECT nextval('message_id_seq') FROM generate_series(1, ?)", null) {
        @Override
        Driver driver() {
            return new org.postgresql.Driver();
        }
    };

    private final String nextIds;
    private final String syncAfterCommit;

    Dialect(String nextIds, String syncAfterCommit) {
        this.nextIds = nextIds;
        this.syncAfterCommit = syncAfterCommit;
    }

    static Dialect of(JournalConfig.Kind kind) {
        return switch (kind) {
            case H2 -> H2;
            case POSTGRESQL -> POSTGRESQL;
        };
    }

    /** Takes as many ids from {@code message_id_seq} as its one parameter says. */
    String nextIdsSql() {
        return nextIds;
    }

    /** A statement that forces committed data to disk, where COMMIT alone does not. */
    Optional<String> syncAfterCommitSql() {
        return Optional.ofNullable(syncAfterCommit);
    }

    abstract Driver driver();
}
