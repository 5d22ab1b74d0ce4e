package org.ward.store;

import org.flywaydb.core.Flyway;
import org.ward.schema.AppliedSchema;

/**
 * Brings the journal schema up to date with the Flyway migrations in {@code db/journal/}; Flyway is
 * not started when the history table already ends with {@link #VERSION}.
 */
final class JournalSchema {

    static final String LOCATION = "classpath:db/journal";
    static final String HISTORY_TABLE = "journal_schema_history";
    /** The newest migration in {@link #LOCATION} (a test holds the two together). */
    static final String VERSION = "4";

    private JournalSchema() {
    }

    static void migrate(JdbcConnections connections) {
        if (AppliedSchema.isAt(connections::open, HISTORY_TABLE, VERSION)) {
            return;
        }
        Flyway.configure(JournalSchema.class.getClassLoader())
                .dataSource(connections.url(), connections.user(), connections.password())
                .locations(LOCATION)
                .table(HISTORY_TABLE)
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }
}
