package org.ward.policy;

import java.util.Objects;
import java.util.Set;

/**
 * A repetition filter: the rule applies only to segments whose {@code field} holds one of
 * {@code codes}, e.g. OBX where OBX-3 is one of a list of MDC codes. A coded value (CWE) matches when
 * its identifier (component 1) or its text (component 2, where MDC puts the reference ID such as
 * {@code MDC_PULS_OXIM_SAT_O2}) or the whole field equals a listed code; the first repetition counts.
 */
public record Condition(FieldPath field, Set<String> codes) {

    public Condition {
        Objects.requireNonNull(field, "field");
        codes = Set.copyOf(codes);
        if (field.isSegment() || field.isComponent()) {
            throw new IllegalArgumentException("a filter names a field such as OBX-3, not " + field);
        }
        if (codes.isEmpty()) {
            throw new IllegalArgumentException("a filter needs at least one code");
        }
    }

    boolean holds(Er7Segment segment) {
        return segment.fieldHolds(field.field(), codes);
    }

    /** Whether a segment could satisfy both filters (same field and a code in common). */
    public boolean overlaps(Condition other) {
        return !field.equals(other.field) || codes.stream().anyMatch(other.codes::contains);
    }

    @Override
    public String toString() {
        return field + " in " + codes.stream().sorted().toList();
    }
}
