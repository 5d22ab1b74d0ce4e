package org.ward.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;

/** Connections to the configured database, with the settings that make the journal durable and bounded. */
final class JdbcConnections implements ConnectionFactory {

    /**
     * WRITE_DELAY=0: a commit writes its chunk to the file before returning (the default 500 ms leaves
     * it to a background writer); the fsync is {@link Dialect#H2}'s CHECKPOINT SYNC.
     * TRACE_LEVEL_FILE=0: no {@code .trace.db}, where H2 would log failing SQL with its values.
     * DB_CLOSE_ON_EXIT=FALSE: the journal closes the database itself, after its last commit.
     * AUTO_COMPACT_FILL_RATE=0: no background rewriting of half-empty chunks. With it, the crash test
     * (10,000 messages, eight SIGKILLs) lost the last 5-12 acknowledged commits before a kill in 4 of
     * 10 runs: H2 reopened the file at an older version (compare h2database#4247, "Compaction causes
     * missing chunks and data loss"). Without it no run lost a message (docs/BENCHMARKS.md); the file
     * grows more, and pruning delivered messages still frees whole chunks.
     * QUERY_CACHE_SIZE=64: each session keeps 64 parsed statements instead of 8. The delivery worker's
     * connection runs the queue's statements and the journal reads, whose IN lists differ in length from
     * batch to batch; with 8 they pushed the queue's own statements out, and H2 parsed them again on
     * every batch (issue 10: a sixth of the worker's time).
     */
    static final String H2_SETTINGS = ";WRITE_DELAY=0;TRACE_LEVEL_FILE=0;DB_CLOSE_ON_EXIT=FALSE;AUTO_COMPACT_FILL_RATE=0;QUERY_CACHE_SIZE=64";

    private final Driver driver;
    private final String url;
    private final Properties properties;

    private JdbcConnections(Driver driver, String url, Properties properties) {
        this.driver = driver;
        this.url = url;
        this.properties = properties;
    }

    /**
     * @param mayCreate whether an H2 database that does not exist may be created: only for the
     *                  migration at start-up, so a reconnect never silently starts an empty journal
     *                  where the files went missing
     */
    static JdbcConnections of(JournalConfig config, boolean mayCreate) {
        Dialect dialect = Dialect.of(config.kind());
        Properties properties = new Properties();
        properties.setProperty("user", config.user());
        return switch (config.kind()) {
            case H2 -> {
                properties.setProperty("password", "");
                yield new JdbcConnections(dialect.driver(),
                        config.jdbcUrl() + H2_SETTINGS + (mayCreate ? "" : ";IFEXISTS=TRUE"), properties);
            }
            case POSTGRESQL -> {
                long timeout = config.writeTimeout().toSeconds();
                properties.setProperty("password", password(config));
                properties.setProperty("connectTimeout", Long.toString(timeout));
                properties.setProperty("loginTimeout", Long.toString(timeout));
                // A COMMIT stuck on a full or dead disk is not covered by the statement timeout.
                properties.setProperty("socketTimeout", Long.toString(2 * timeout));
                properties.setProperty("tcpKeepAlive", "true");
                // Server error details can quote row values (patient ids): keep them out of exceptions.
                properties.setProperty("logServerErrorDetail", "false");
                properties.setProperty("ApplicationName", "ward-journal");
                // A batch of INSERTs goes as multi-row INSERTs, not one statement per row: the
                // committer's and the search indexer's rows (their update counts are not read).
                properties.setProperty("reWriteBatchedInserts", "true");
                yield new JdbcConnections(dialect.driver(), config.jdbcUrl(), properties);
            }
        };
    }

    @Override
    public Connection open() throws SQLException {
        Connection connection = driver.connect(url, properties);
        if (connection == null) {
            throw new SQLException("the JDBC driver does not accept the journal url", "08001");
        }
        return connection;
    }

    String url() {
        return url;
    }

    String user() {
        return properties.getProperty("user");
    }

    String password() {
        return properties.getProperty("password");
    }

    private static String password(JournalConfig config) {
        try {
            return Files.readString(config.passwordFile(), StandardCharsets.UTF_8).lines().findFirst().orElse("");
        } catch (IOException e) {
            throw new JournalException("cannot read the journal database password file " + config.passwordFile(), e);
        }
    }
}
