package org.ward.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/** A database for the journal contract tests, with a way to take its storage away and give it back. */
interface JournalBackend {

    /** The configuration of a new, empty journal whose key lives under {@code dataDir}. */
    JournalConfig newJournal(Path dataDir) throws Exception;

    /** Makes the database refuse writes: the journal must notice on its own. */
    void takeStorageAway(JournalConfig config) throws Exception;

    /** Undoes {@link #takeStorageAway}. */
    void giveStorageBack(JournalConfig config) throws Exception;

    /** A connection of the test's own, for inspecting and tampering with rows. */
    default Connection rawConnection(JournalConfig config) throws SQLException {
        return JdbcConnections.of(config, false).open();
    }
}
