package org.ward.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how the journal keeps its messages.
 *
 * @param kind              the database
 * @param jdbcUrl           {@code jdbc:h2:file:…} (settings are Ward's: no {@code ;} options) or {@code jdbc:postgresql://…}
 * @param user              the database user
 * @param passwordFile      a file whose first line is the database password (PostgreSQL); null for H2
 * @param dataDir           Ward's data directory; the key lives in {@code <dataDir>/journal/}
 * @param groupCommit       true: one transaction for all appends waiting; false: one transaction per append
 * @param maxBatchRows      the most appends in one transaction
 * @param maxBatchDelay     how long the committer waits for more appends after the first (0: take what waits)
 * @param writeTimeout      the statement timeout; an append fails at the latest after twice this
 * @param maxQueuedAppends  appends waiting beyond this are refused at once
 */
public record JournalConfig(Kind kind, String jdbcUrl, String user, Path passwordFile, Path dataDir,
                            boolean groupCommit, int maxBatchRows, Duration maxBatchDelay, Duration writeTimeout,
                            int maxQueuedAppends) {

    /** The databases the journal runs on. */
    public enum Kind { H2, POSTGRESQL }

    public static final int DEFAULT_MAX_BATCH_ROWS = 256;
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_MAX_QUEUED_APPENDS = 10_000;

    public JournalConfig {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        dataDir = Objects.requireNonNull(dataDir, "dataDir").toAbsolutePath();
        Objects.requireNonNull(maxBatchDelay, "maxBatchDelay");
        Objects.requireNonNull(writeTimeout, "writeTimeout");
        switch (kind) {
            case H2 -> {
                if (!jdbcUrl.startsWith("jdbc:h2:file:") || jdbcUrl.contains(";")) {
                    throw new IllegalArgumentException("an H2 journal url is jdbc:h2:file:PATH without ;settings");
                }
            }
            case POSTGRESQL -> {
                if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
                    throw new IllegalArgumentException("a PostgreSQL journal url starts with jdbc:postgresql:");
                }
                Objects.requireNonNull(passwordFile, "passwordFile");
            }
        }
        if (maxBatchRows < 1 || maxBatchRows > 10_000) {
            throw new IllegalArgumentException("maxBatchRows must be 1 to 10000");
        }
        if (maxBatchDelay.isNegative() || maxBatchDelay.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("maxBatchDelay must be 0 to 1 s");
        }
        if (writeTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("writeTimeout must be at least 1 s");
        }
        if (maxQueuedAppends < 1) {
            throw new IllegalArgumentException("maxQueuedAppends must be positive");
        }
    }

    /** An H2 journal in {@code <dataDir>/journal/ward.mv.db}, group commit on. */
    public static JournalConfig h2(Path dataDir) {
        Path database = journalDirectory(dataDir.toAbsolutePath()).resolve("ward");
        return new JournalConfig(Kind.H2, "jdbc:h2:file:" + database, "ward", null, dataDir, true,
                DEFAULT_MAX_BATCH_ROWS, Duration.ZERO, DEFAULT_WRITE_TIMEOUT, DEFAULT_MAX_QUEUED_APPENDS);
    }

    /** A PostgreSQL journal, group commit on; the key still lives in {@code <dataDir>/journal/}. */
    public static JournalConfig postgresql(String jdbcUrl, String user, Path passwordFile, Path dataDir) {
        return new JournalConfig(Kind.POSTGRESQL, jdbcUrl, user, passwordFile, dataDir, true,
                DEFAULT_MAX_BATCH_ROWS, Duration.ZERO, DEFAULT_WRITE_TIMEOUT, DEFAULT_MAX_QUEUED_APPENDS);
    }

    public JournalConfig withGroupCommit(boolean on) {
        return new JournalConfig(kind, jdbcUrl, user, passwordFile, dataDir, on, maxBatchRows, maxBatchDelay,
                writeTimeout, maxQueuedAppends);
    }

    public JournalConfig withBatchLimits(int rows, Duration delay) {
        return new JournalConfig(kind, jdbcUrl, user, passwordFile, dataDir, groupCommit, rows, delay,
                writeTimeout, maxQueuedAppends);
    }

    public JournalConfig withWriteTimeout(Duration timeout) {
        return new JournalConfig(kind, jdbcUrl, user, passwordFile, dataDir, groupCommit, maxBatchRows,
                maxBatchDelay, timeout, maxQueuedAppends);
    }

    /** {@code <dataDir>/journal}: the H2 files, the key and its password. */
    public Path journalDirectory() {
        return journalDirectory(dataDir);
    }

    /** The most appends one transaction takes: 1 without group commit. */
    int batchRows() {
        return groupCommit ? maxBatchRows : 1;
    }

    private static Path journalDirectory(Path dataDir) {
        return dataDir.resolve("journal");
    }
}
