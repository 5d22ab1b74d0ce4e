package org.ward.audit.repository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.ward.schema.AppliedSchema;

/**
 * Connections to the repository database, and its schema (Flyway, {@code db/audit-migration},
 * history table {@code audit_schema_history}: the journal's migrations may share the database).
 * Same settings as the journal's {@code org.ward.store.JdbcConnections}, repeated here because
 * routes depends on atna-audit, never the reverse.
 */
final class AuditConnections {

    static final String LOCATION = "classpath:db/audit-migration";
    static final String HISTORY_TABLE = "audit_schema_history";
    /** The newest migration in {@link #LOCATION} (a test holds the two together). */
    static final String SCHEMA_VERSION = "3";

    /**
     * WRITE_DELAY=0: a commit reaches the file before returning; TRACE_LEVEL_FILE=0: no trace file
     * quoting SQL values (patient IDs); DB_CLOSE_ON_EXIT=FALSE: the writer closes after its last commit;
     * AUTO_COMPACT_FILL_RATE=0: no background chunk rewriting, which the message journal's kill -9 test
     * showed can make H2 reopen at an older version, losing the last commits (routes JdbcConnections);
     * here that would also make the head file claim records the store no longer has.
     */
    private static final String H2_SETTINGS = ";WRITE_DELAY=0;TRACE_LEVEL_FILE=0;DB_CLOSE_ON_EXIT=FALSE"
            + ";AUTO_COMPACT_FILL_RATE=0";

    private final AuditStoreConfig.Kind kind;
    private final Driver driver;
    private final String url;
    private final Properties properties = new Properties();

    private AuditConnections(AuditStoreConfig config, boolean mayCreate) {
        this.kind = config.kind();
        properties.setProperty("user", config.user());
        switch (kind) {
            case H2 -> {
                driver = new org.h2.Driver();
                url = config.jdbcUrl() + H2_SETTINGS + (mayCreate ? "" : ";IFEXISTS=TRUE");
                properties.setProperty("password", "");
            }
            case POSTGRESQL -> {
                driver = new org.postgresql.Driver();
                url = config.jdbcUrl();
                properties.setProperty("password", password(config));
                properties.setProperty("connectTimeout", "10");
                properties.setProperty("tcpKeepAlive", "true");
                // Server error details can quote row values (patient IDs).
                properties.setProperty("logServerErrorDetail", "false");
                properties.setProperty("ApplicationName", "ward-audit-repository");
                // Large batches in one round trip.
                properties.setProperty("reWriteBatchedInserts", "true");
            }
            default -> throw new IllegalArgumentException("unknown store kind " + kind);
        }
    }

    /** For the writer: creates an H2 database that does not exist yet. */
    static AuditConnections forWriting(AuditStoreConfig config) {
        return new AuditConnections(config, true);
    }

    /** For the verifier and readers: a missing H2 database is an error, not a new empty store. */
    static AuditConnections forReading(AuditStoreConfig config) {
        return new AuditConnections(config, false);
    }

    Connection open() throws SQLException {
        Connection connection = driver.connect(url, properties);
        if (connection == null) {
            throw new SQLException("the JDBC driver does not accept the audit repository url", "08001");
        }
        return connection;
    }

    void migrate() {
        if (AppliedSchema.isAt(this::open, HISTORY_TABLE, SCHEMA_VERSION)) {
            return;
        }
        Flyway.configure(AuditConnections.class.getClassLoader())
                .dataSource(url, properties.getProperty("user"), properties.getProperty("password"))
                .locations(LOCATION)
                .table(HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }

    /**
     * H2 2.x calls fsync only on CHECKPOINT SYNC or close; PostgreSQL's COMMIT already waits for the
     * WAL flush.
     */
    void syncAfterCommit(Connection connection) throws SQLException {
        if (kind == AuditStoreConfig.Kind.H2) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CHECKPOINT SYNC");
            }
        }
    }

    private static String password(AuditStoreConfig config) {
        try {
            return Files.readString(config.passwordFile(), StandardCharsets.UTF_8).lines().findFirst().orElse("");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit repository database password file "
                    + config.passwordFile() + " (audit-repository.store.password-file)", e);
        }
    }
}
