package org.ward.store;

import org.flywaydb.core.Flyway;

/** Brings the journal schema up to date with the Flyway migrations in {@code db/journal/}. */
final class JournalSchema {

    static final String LOCATION = "classpath:db/journal";
    static final String HISTORY_TABLE = "journal_schema_history";

    private JournalSchema() {
    }

    static void migrate(JdbcConnections connections) {
        Flyway.configure(JournalSchema.class.getClassLoader())
                .dataSource(connections.url(), connections.user(), connections.password())
                .locations(LOCATION)
                .table(HISTORY_TABLE)
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }
}
