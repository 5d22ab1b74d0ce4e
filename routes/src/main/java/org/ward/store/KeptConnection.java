package org.ward.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A connection of its own for one part of the journal (reads, the delivery queue), used by one caller
 * at a time. A failure drops it; the next call opens a new one. A kept connection that turns out to
 * be lost (the database restarted) gets one fresh try before the call fails.
 */
final class KeptConnection implements AutoCloseable {

    private final ConnectionFactory connections;
    private final boolean readOnly;
    private final String purpose;
    private Connection connection;

    /** @param purpose names the work in failures, e.g. {@code "journal read"} */
    KeptConnection(ConnectionFactory connections, boolean readOnly, String purpose) {
        this.connections = connections;
        this.readOnly = readOnly;
        this.purpose = purpose;
    }

    /** Runs {@code work} on the kept connection; fails with {@link JournalException} naming only the SQLState. */
    synchronized <T> T run(Work<T> work) {
        boolean reused = connection != null;
        try {
            return attempt(work);
        } catch (SQLException e) {
            drop(e);
            if (reused && isConnectionLoss(e)) {
                try {
                    return attempt(work);
                } catch (SQLException again) {
                    drop(again);
                    throw failed(again);
                }
            }
            throw failed(e);
        }
    }

    /**
     * Runs {@code work} in one transaction on the kept connection: committed when it returns, rolled
     * back when it throws (and the exception passed on); the connection is left in auto-commit.
     */
    <T> T inTransaction(Work<T> work) {
        return run(c -> {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        });
    }

    private JournalException failed(SQLException e) {
        return new JournalException(purpose + " failed (" + SqlFailures.describe(e) + ")");
    }

    private <T> T attempt(Work<T> work) throws SQLException {
        if (connection == null) {
            connection = connections.open();
            connection.setReadOnly(readOnly);
        }
        return work.run(connection);
    }

    /** SQLState class 08 (connection exception) or 57P01 (admin shutdown, PostgreSQL). */
    private static boolean isConnectionLoss(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.equals("57P01"));
    }

    private void drop(SQLException cause) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException closing) {
                cause.addSuppressed(closing);
            } finally {
                connection = null;
            }
        }
    }

    @Override
    public synchronized void close() throws SQLException {
        if (connection != null) {
            try {
                connection.close();
            } finally {
                connection = null;
            }
        }
    }

    /** One unit of work on the kept connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }
}
