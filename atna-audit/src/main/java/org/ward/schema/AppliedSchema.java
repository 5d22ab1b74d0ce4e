package org.ward.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Reads a Flyway schema history table directly, to tell whether a database already has the newest
 * migration: then Ward does not start Flyway at all, which took most of a second of each start
 * (issue 10: class loading and classpath scanning, for nothing to do). Any other state (no table, a
 * failed or newer migration, an unreadable table) leaves the decision to Flyway, which migrates or
 * explains what is wrong.
 */
public final class AppliedSchema {

    private static final Pattern TABLE_NAME = Pattern.compile("[a-z_]+");

    private AppliedSchema() {
    }

    /** Opens a connection to the database whose history is read. */
    @FunctionalInterface
    public interface Opener {
        Connection open() throws SQLException;
    }

    /** As {@link #isAt(Connection, String, String)} on a connection of its own; false when none opens. */
    public static boolean isAt(Opener database, String historyTable, String version) {
        try (Connection connection = database.open()) {
            return isAt(connection, historyTable, version);
        } catch (SQLException e) {
            return false; // Flyway opens its own connection and reports what is wrong
        }
    }

    /**
     * Whether the newest row of {@code historyTable} (by {@code installed_rank}) is the successful
     * migration to {@code version}. False also when the table cannot be read.
     */
    public static boolean isAt(Connection connection, String historyTable, String version) {
        Objects.requireNonNull(version, "version");
        if (!TABLE_NAME.matcher(historyTable).matches()) {
            throw new IllegalArgumentException("not a history table name: " + historyTable);
        }
        // Flyway creates the table and its columns with quoted lower-case names on H2 and PostgreSQL.
        String sql = "SELECT \"version\", \"success\" FROM \"" + historyTable + "\" ORDER BY \"installed_rank\" DESC"
                + " FETCH FIRST 1 ROWS ONLY";
        try (PreparedStatement select = connection.prepareStatement(sql); ResultSet newest = select.executeQuery()) {
            return newest.next() && version.equals(newest.getString(1)) && newest.getBoolean(2);
        } catch (SQLException e) {
            return false;
        }
    }
}
