package org.ward.store;

import java.sql.SQLException;

/**
 * Describes a database failure without its message, which can quote row values (H2 puts them in
 * constraint violations), except for connection failures (SQLState class 08), whose messages name
 * only hosts, ports and files.
 */
final class SqlFailures {

    private SqlFailures() {
    }

    static String describe(Throwable failure) {
        if (failure instanceof SQLException sql) {
            String state = sql.getSQLState();
            String description = "SQLState " + state + ", error " + sql.getErrorCode();
            return state != null && state.startsWith("08") ? description + ": " + sql.getMessage() : description;
        }
        return failure.getClass().getSimpleName();
    }
}
