package org.ward.audit.repository;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how the audit repository stores records. Immutable, checked when built; the keys named
 * in the messages are those of ward.yaml's {@code audit-repository.store} section.
 *
 * @param kind the database
 * @param jdbcUrl {@code jdbc:h2:file:PATH} (no {@code ;settings}: Ward adds its own) or {@code jdbc:postgresql://…}
 * @param user the database user
 * @param passwordFile first line is the database password (PostgreSQL); null for H2
 * @param directory the repository's own directory: the checkpoint key pair and the head file (and the
 *     H2 database when {@link #h2} made this config)
 * @param maxBatchRows the most records one transaction writes (group commit)
 * @param checkpointEvery a signed checkpoint after at most this many records
 * @param checkpointInterval and at the latest this long after the first record it does not cover yet
 */
public record AuditStoreConfig(Kind kind, String jdbcUrl, String user, Path passwordFile, Path directory,
                               int maxBatchRows, int checkpointEvery, Duration checkpointInterval) {

    /** The databases the repository runs on. */
    public enum Kind { H2, POSTGRESQL }

    /**
     * 200, not more: past its auto-commit memory (at most 19 MB of page copies) H2's MVStore writes
     * the open transaction's pages mid-way and writes them again when the commit marks them; with
     * ~2 KB records and ten index rows each, 1000-row batches cost the writer about twice the CPU and
     * the file twice the bytes per record of 200-row ones (docs/BENCHMARKS.md, issue 8).
     */
    public static final int DEFAULT_MAX_BATCH_ROWS = 200;
    public static final int DEFAULT_CHECKPOINT_EVERY = 10_000;
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(60);

    public AuditStoreConfig {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(jdbcUrl, "jdbc-url is missing (audit-repository.store.jdbc-url)");
        Objects.requireNonNull(user, "user is missing (audit-repository.store.user)");
        directory = Objects.requireNonNull(directory, "directory").toAbsolutePath();
        Objects.requireNonNull(checkpointInterval, "checkpointInterval");
        switch (kind) {
            case H2 -> {
                if (!jdbcUrl.startsWith("jdbc:h2:file:") || jdbcUrl.contains(";")) {
                    throw new IllegalArgumentException(
                            "an H2 url is jdbc:h2:file:PATH without ;settings (audit-repository.store.jdbc-url)");
                }
            }
            case POSTGRESQL -> {
                if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
                    throw new IllegalArgumentException(
                            "a PostgreSQL url starts with jdbc:postgresql: (audit-repository.store.jdbc-url)");
                }
                Objects.requireNonNull(passwordFile,
                        "password-file is missing (audit-repository.store.password-file)");
            }
        }
        if (maxBatchRows < 1 || maxBatchRows > 10_000) {
            throw new IllegalArgumentException("max-batch-rows must be 1 to 10000, was " + maxBatchRows
                    + " (audit-repository.store.max-batch-rows)");
        }
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("checkpoint-every must be positive, was " + checkpointEvery
                    + " (audit-repository.store.checkpoint-every)");
        }
        if (checkpointInterval.isNegative() || checkpointInterval.isZero()) {
            throw new IllegalArgumentException("checkpoint-interval must be positive, was " + checkpointInterval
                    + " (audit-repository.store.checkpoint-interval)");
        }
    }

    /** H2 in {@code <dataDir>/audit-repository/audit.mv.db}, key and head file next to it. */
    public static AuditStoreConfig h2(Path dataDir) {
        Path directory = dataDir.toAbsolutePath().resolve("audit-repository");
        return new AuditStoreConfig(Kind.H2, "jdbc:h2:file:" + directory.resolve("audit"), "ward", null, directory,
                DEFAULT_MAX_BATCH_ROWS, DEFAULT_CHECKPOINT_EVERY, DEFAULT_CHECKPOINT_INTERVAL);
    }

    /** PostgreSQL; key and head file still in {@code <dataDir>/audit-repository/}. */
    public static AuditStoreConfig postgresql(String jdbcUrl, String user, Path passwordFile, Path dataDir) {
        return new AuditStoreConfig(Kind.POSTGRESQL, jdbcUrl, user, passwordFile,
                dataDir.toAbsolutePath().resolve("audit-repository"), DEFAULT_MAX_BATCH_ROWS,
                DEFAULT_CHECKPOINT_EVERY, DEFAULT_CHECKPOINT_INTERVAL);
    }

    public AuditStoreConfig withCheckpoints(int every, Duration interval) {
        return new AuditStoreConfig(kind, jdbcUrl, user, passwordFile, directory, maxBatchRows, every, interval);
    }

    public AuditStoreConfig withMaxBatchRows(int rows) {
        return new AuditStoreConfig(kind, jdbcUrl, user, passwordFile, directory, rows, checkpointEvery,
                checkpointInterval);
    }
}
