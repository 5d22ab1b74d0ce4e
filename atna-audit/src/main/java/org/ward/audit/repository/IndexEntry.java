package org.ward.audit.repository;

import java.util.Comparator;
import java.util.Objects;

/**
 * One row of {@code audit_index}.
 *
 * @param ordinal position among the record's values of this kind, from 0
 * @param value at most {@link Text#MAX_INDEX_CHARS} characters (longer values are clipped; the raw
 *     record keeps them whole)
 */
public record IndexEntry(IndexKind kind, int ordinal, String value) {

    /** The order of a record's entries in its canonical bytes and in the verifier's scan. */
    static final Comparator<IndexEntry> ORDER =
            Comparator.comparing((IndexEntry e) -> e.kind().code()).thenComparingInt(IndexEntry::ordinal);

    public IndexEntry {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        if (ordinal < 0) {
            throw new IllegalArgumentException("ordinal must not be negative, was " + ordinal);
        }
        value = Text.clip(value, Text.MAX_INDEX_CHARS);
    }
}
