package org.ward.validation;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.Type;
import ca.uhn.hl7v2.parser.EncodingCharacters;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.util.Terser;

/** Reads field values out of parsed segments for the PCD rules; "" stands for "not valued". */
final class Fields {

    private Fields() {
    }

    /** How many repetitions of field {@code field} the segment holds. */
    static int repetitions(Segment segment, int field) {
        return reps(segment, field).length;
    }

    /** Repetition {@code rep} (1-based) of a field, pipe-encoded (components joined), or "". */
    static String encoded(Segment segment, int field, int rep, EncodingCharacters encoding) {
        Type[] reps = reps(segment, field);
        if (rep > reps.length) {
            return "";
        }
        return PipeParser.encode(reps[rep - 1], encoding);
    }

    /** Component {@code component} (1-based) of repetition {@code rep} (1-based), unescaped, or "". */
    static String component(Segment segment, int field, int rep, int component) {
        if (rep > repetitions(segment, field)) {
            return "";
        }
        try {
            String value = Terser.get(segment, field, rep - 1, component, 1);
            return value == null ? "" : value;
        } catch (HL7Exception e) {
            throw new IllegalStateException(segment.getName() + "-" + field + "." + component
                    + " cannot be read from HAPI's model", e);
        }
    }

    private static Type[] reps(Segment segment, int field) {
        try {
            return segment.getField(field);
        } catch (HL7Exception e) {
            // Rules only ask for fields that HL7 v2.6 defines for the segment.
            throw new IllegalStateException(segment.getName() + "-" + field + " is not in HAPI's v2.6 model", e);
        }
    }
}
