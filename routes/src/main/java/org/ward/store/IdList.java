package org.ward.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

/**
 * The {@code ?, ?, …} of an {@code IN} list of message ids, its length rounded up to a power of two
 * and the padding filled with the last id ({@code IN} ignores repeats). The delivery worker reads
 * batches of every size; with one statement text per size each batch was a new statement, which H2
 * parsed again (a seventh of the worker's time, issue 10). Rounded, a handful of texts serve all
 * sizes and stay in the session's statement cache.
 */
final class IdList {

    private final List<Long> ids;
    private final int slots;

    private IdList(Collection<Long> ids) {
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("an IN list needs at least one id");
        }
        this.ids = List.copyOf(ids);
        this.slots = ids.size() == 1 ? 1 : Integer.highestOneBit(ids.size() - 1) << 1;
    }

    static IdList of(Collection<Long> ids) {
        return new IdList(ids);
    }

    /** How many placeholders the list has (at least the number of ids). */
    int slots() {
        return slots;
    }

    /** {@code ?, ?, …}, {@link #slots()} of them. */
    String placeholders() {
        return "?, ".repeat(slots - 1) + "?";
    }

    /** The ids, then the last id again until there are {@link #slots()} values. */
    List<Long> padded() {
        Long[] values = new Long[slots];
        for (int i = 0; i < slots; i++) {
            values[i] = ids.get(Math.min(i, ids.size() - 1));
        }
        return List.of(values);
    }

    /** Binds {@link #padded()} from parameter {@code first} on. */
    void bind(PreparedStatement statement, int first) throws SQLException {
        List<Long> values = padded();
        for (int i = 0; i < values.size(); i++) {
            statement.setLong(first + i, values.get(i));
        }
    }
}
