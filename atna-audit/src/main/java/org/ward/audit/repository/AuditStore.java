package org.ward.audit.repository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ward.audit.fhir.AuditEventSearch;
import java.util.concurrent.CompletableFuture;

/**
 * The repository's store: schema migrated, checkpoint key loaded (or generated), one
 * {@link ChainWriter} appending in order. Records go in through {@link #submit}; the small read
 * side here serves tests and the coming query API.
 */
public final class AuditStore implements AutoCloseable {

    private final AuditStoreConfig config;
    private final AuditConnections readConnections;
    private final ChainWriter writer;

    private AuditStore(AuditStoreConfig config, ChainWriter writer) {
        this.config = config;
        this.readConnections = AuditConnections.forReading(config);
        this.writer = writer;
    }

    /**
     * Creates the directory (0700) and, on first use, the database and the key pair; migrates the
     * schema; starts the writer.
     *
     * @throws IllegalStateException if the database, the key or the directory cannot be used
     */
    public static AuditStore open(AuditStoreConfig config, RepositoryStats stats, Clock clock) {
        Objects.requireNonNull(config, "config");
        try {
            if (!Files.isDirectory(config.directory())) {
                Files.createDirectories(config.directory(),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            CheckpointKey key = CheckpointKey.loadOrCreate(config.directory());
            AuditConnections connections = AuditConnections.forWriting(config);
            connections.migrate();
            ChainWriter writer = new ChainWriter(config, connections, key, new HeadFile(config.directory()), stats,
                    clock);
            writer.start();
            return new AuditStore(config, writer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the audit repository directory " + config.directory(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load or create the audit checkpoint key in "
                    + config.directory(), e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the audit repository database (SQLState "
                    + e.getSQLState() + ")", e);
        }
    }

    /** Appends a record once its analysis completes; keeps the order of calls. Blocks while the queue is full. */
    public void submit(CompletableFuture<AuditRow> record) throws InterruptedException {
        writer.submit(record);
    }

    public void append(AuditRow row) throws InterruptedException {
        writer.submit(CompletableFuture.completedFuture(row));
    }

    /** The seq of the last committed record (0 when empty). */
    public long lastSeq() {
        return writer.lastSeq();
    }

    public AuditStoreConfig config() {
        return config;
    }

    /** Records naming {@code patientId} (ParticipantObjectID exactly), newest first, at most {@code limit}. */
    public List<AuditRow> findByPatient(String patientId, int limit) throws SQLException {
        return findByPatient(readConnections, patientId, limit);
    }

    static List<AuditRow> findByPatient(AuditConnections connections, String patientId, int limit)
            throws SQLException {
        try (Connection connection = connections.open();
             PreparedStatement statement = connection.prepareStatement(AuditTables.SELECT_RECORDS
                     + " WHERE seq IN (SELECT seq FROM audit_index WHERE kind = 'P' AND val = ?)"
                     + " ORDER BY seq DESC LIMIT ?")) {
            statement.setString(1, patientId);
            statement.setInt(2, limit);
            List<AuditRow> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(AuditTables.rowWithoutIndex(rs));
                }
            }
            return rows;
        }
    }

    /** One page of records matching {@code search}; see {@link AuditQuery}. */
    public SearchPage search(AuditEventSearch search) throws SQLException {
        return search(readConnections, search);
    }

    static SearchPage search(AuditConnections connections, AuditEventSearch search) throws SQLException {
        return new AuditQuery(Objects.requireNonNull(search, "search")).run(connections);
    }

    /** The record with repository id {@code seq}, if stored. */
    public Optional<StoredRecord> find(long seq) throws SQLException {
        try (Connection connection = readConnections.open();
             PreparedStatement statement = connection.prepareStatement(AuditTables.SELECT_RECORDS + " WHERE seq = ?")) {
            statement.setLong(1, seq);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(StoredRecord.of(AuditTables.rowWithoutIndex(rs))) : Optional.empty();
            }
        }
    }

    /** Stores everything submitted, signs a final checkpoint and closes the database. */
    @Override
    public void close() {
        writer.close();
    }
}
