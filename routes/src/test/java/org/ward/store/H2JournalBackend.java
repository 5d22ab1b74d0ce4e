package org.ward.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

/**
 * H2 in the test's data directory. Storage goes away as it does when a volume is unmounted: the
 * database is shut down underneath the journal and its file moved aside, so reconnecting fails too.
 */
final class H2JournalBackend implements JournalBackend {

    @Override
    public JournalConfig newJournal(Path dataDir) {
        return JournalConfig.h2(dataDir);
    }

    @Override
    public void takeStorageAway(JournalConfig config) throws Exception {
        try (Connection connection = rawConnection(config); Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        }
        Files.move(file(config), away(config));
    }

    @Override
    public void giveStorageBack(JournalConfig config) throws Exception {
        Files.move(away(config), file(config));
    }

    private static Path file(JournalConfig config) {
        return config.journalDirectory().resolve("ward.mv.db");
    }

    private static Path away(JournalConfig config) {
        return config.journalDirectory().resolve("ward.mv.db.away");
    }
}
