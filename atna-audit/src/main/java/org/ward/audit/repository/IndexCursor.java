package org.ward.audit.repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The index scan, one row ahead, merged with the record scan by seq. */
final class IndexCursor {
    private final ResultSet rs;
    private boolean hasRow;

    IndexCursor(ResultSet rs) throws SQLException {
        this.rs = rs;
        this.hasRow = rs.next();
    }

    /** @return the seq of the first index row before {@code seq} (an orphan), or 0 */
    long skipBefore(long seq) throws SQLException {
        if (hasRow && rs.getLong("seq") < seq) {
            return rs.getLong("seq");
        }
        return 0;
    }

    List<IndexEntry> take(long seq) throws SQLException {
        List<IndexEntry> entries = new ArrayList<>();
        while (hasRow && rs.getLong("seq") == seq) {
            String kind = rs.getString("kind");
            entries.add(new IndexEntry(IndexKind.of(kind.charAt(0)), rs.getInt("ordinal"), rs.getString("val")));
            hasRow = rs.next();
        }
        return entries;
    }
}
