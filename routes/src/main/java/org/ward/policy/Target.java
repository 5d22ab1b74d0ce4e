package org.ward.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * What a rule applies to: the whole message (no path), a segment, a field or a component, optionally
 * only in segments that satisfy a {@link Condition}.
 */
public record Target(Optional<FieldPath> path, Optional<Condition> where) {

    public static final Target MESSAGE = new Target(Optional.empty(), Optional.empty());

    public Target {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(where, "where");
        if (path.isEmpty() && where.isPresent()) {
            throw new IllegalArgumentException("a filter needs a segment target");
        }
        if (where.isPresent() && !where.get().field().segment().equals(path.get().segment())) {
            throw new IllegalArgumentException("the filter " + where.get() + " must name a field of " + path.get().segment());
        }
    }

    public static Target of(FieldPath path) {
        return new Target(Optional.of(path), Optional.empty());
    }

    public boolean isMessage() {
        return path.isEmpty();
    }

    /** 0 message, 1 segment, 2 field, 3 component; a filter adds a half step (it is narrower). */
    int level() {
        if (path.isEmpty()) {
            return 0;
        }
        FieldPath p = path.get();
        int base = p.isSegment() ? 2 : p.isComponent() ? 6 : 4;
        return base + (where.isPresent() ? 1 : 0);
    }

    @Override
    public String toString() {
        return path.map(p -> p + where.map(w -> " where " + w).orElse("")).orElse("message");
    }
}
