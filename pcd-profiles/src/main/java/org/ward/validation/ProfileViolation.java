package org.ward.validation;

import java.util.Objects;

/**
 * One departure from a conformance profile, with where it is: what {@link ProfileConformanceCheck}
 * turns into an {@link org.ward.hl7.Hl7Problem}. It holds the profile's names and positions only,
 * never message content.
 *
 * @param kind       what the profile asked for
 * @param structure  the profile's segment or group name, for findings about a whole structure
 *                   ("" for field-level findings, where {@code segment} and {@code field} say where)
 * @param table      the HL7 table number (e.g. {@code 0155}) for a table finding, else ""
 * @param segment    the segment ID of a field-level finding, else null
 * @param field      the field number of a field-level finding, else 0
 * @param sequence   the segment's occurrence in the message (ERR-2.2), 0 when unknown
 * @param repetition the field repetition, 0 when not about one repetition
 * @param component  the component, 0 when about the whole field
 */
record ProfileViolation(ProfileFinding.Kind kind, String structure, String table, String segment, int field,
                        int sequence, int repetition, int component) {

    ProfileViolation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(structure, "structure");
        Objects.requireNonNull(table, "table");
    }

    /** A finding about a whole segment or group (cardinality, not supported). */
    static ProfileViolation ofStructure(ProfileFinding.Kind kind, String structure, int sequence) {
        return new ProfileViolation(kind, structure, "", null, 0, sequence, 0, 0);
    }
}
