package org.ward.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens a new connection to the journal database. */
interface ConnectionFactory {

    Connection open() throws SQLException;
}
