package org.ward.hl7;

import java.util.List;
import java.util.Objects;

/**
 * One segment of an ER7 message, cut into fields the way HAPI's {@code PipeParser} cuts it. Field
 * numbers are HL7's: for MSH, field 1 is the field separator and field 2 the encoding characters.
 * Values stay as sent (escape sequences are not resolved). Immutable.
 */
public final class Er7Segment {

    private final String name;
    private final String[] fields;
    private final Er7Delimiters delimiters;
    private final boolean header;

    private Er7Segment(String name, String[] fields, Er7Delimiters delimiters, boolean header) {
        this.name = name;
        this.fields = fields;
        this.delimiters = delimiters;
        this.header = header;
    }

    /** Cuts {@code text} (one segment, no terminator) whose ID is {@code name}. */
    static Er7Segment of(String name, String text, Er7Delimiters delimiters) {
        Objects.requireNonNull(name, "name");
        boolean header = name.equals("MSH");
        List<String> parts = Er7.split(text, delimiters.field());
        String[] fields;
        if (header) {
            // parts: "MSH", MSH-2, MSH-3, ...; MSH-1 is the separator itself (HL7 v2.6 §2.14.9.1).
            fields = new String[Math.max(parts.size() + 1, 2)];
            fields[0] = "MSH";
            fields[1] = String.valueOf(delimiters.field());
            for (int i = 1; i < parts.size(); i++) {
                fields[i + 1] = parts.get(i);
            }
        } else {
            fields = parts.toArray(new String[0]);
            if (fields.length == 0) {
                fields = new String[] {name};
            }
        }
        for (int i = 0; i < fields.length; i++) {
            if (fields[i] == null) {
                fields[i] = "";
            }
        }
        return new Er7Segment(name, fields, delimiters, header);
    }

    /** The segment ID as HAPI reads it: the text before the first field separator. */
    public String name() {
        return name;
    }

    public Er7Delimiters delimiters() {
        return delimiters;
    }

    /** The highest field number present (trailing empty fields included as sent). */
    public int fieldCount() {
        return fields.length - 1;
    }

    /** Field {@code n} as sent, all repetitions, or "" when absent. */
    public String field(int n) {
        return n >= 1 && n < fields.length ? fields[n] : "";
    }

    /** The repetitions of field {@code n}, split as HAPI splits them; MSH-1 and MSH-2 never repeat. */
    public List<String> repetitions(int n) {
        String field = field(n);
        if (header && n <= 2) {
            return List.of(field);
        }
        return Er7.split(field, delimiters.repetition());
    }

    /** Repetition {@code rep} (1-based) of field {@code n}, or "". */
    public String repetition(int n, int rep) {
        if (header && n <= 2) {
            return rep == 1 ? field(n) : "";
        }
        return Er7.part(field(n), delimiters.repetition(), rep);
    }

    /**
     * The first subcomponent of component {@code component} of repetition {@code rep} of field
     * {@code n} (all 1-based), as sent, or "": what HAPI's {@code Terser.get(segment, n, rep - 1,
     * component, 1)} returns for messages without escape sequences.
     */
    public String component(int n, int rep, int component) {
        String value = Er7.part(repetition(n, rep), delimiters.component(), component);
        return Er7.part(value, delimiters.subcomponent(), 1);
    }

    /** Whether every field is empty: HAPI then treats the segment as absent. */
    public boolean isEmpty() {
        for (int n = 1; n < fields.length; n++) {
            if (!Er7.isEmpty(fields[n], delimiters)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        // Segment ID only: field values may be PHI.
        return name + " segment";
    }
}
