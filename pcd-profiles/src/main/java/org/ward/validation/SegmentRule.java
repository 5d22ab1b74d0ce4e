package org.ward.validation;

import java.util.List;

/**
 * A profiled segment: one rule per profiled field (null where the profile says X, which HAPI does
 * not test beyond "present"), and HAPI's model types of all the segment's fields.
 *
 * @param name        the segment ID
 * @param fields      index n-1: the rule of field n, or null for usage X
 * @param modelFields index n-1: HAPI's type of field n
 */
record SegmentRule(String name, List<ElementRule> fields, List<ModelType> modelFields) {

    SegmentRule {
        // List.copyOf refuses nulls, and null marks an X field.
        fields = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(fields));
        modelFields = List.copyOf(modelFields);
    }

    /** The profile's field count. */
    int profiledFields() {
        return fields.size();
    }

    /** Whether the profile lets field {@code n} be valued (usage other than X). */
    boolean allows(int n) {
        return n <= fields.size() && fields.get(n - 1) != null;
    }

    /** HAPI's type of field {@code n}; fields beyond the model are Varies. */
    ModelType modelField(int n) {
        return n <= modelFields.size() ? modelFields.get(n - 1) : new ModelType(ModelType.VARIES, false, List.of());
    }
}
