package org.ward.policy;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A segment, a field ({@code PID-19}) or a component ({@code PID-5.1}) in HL7 v2 notation:
 * fields and components are 1-based; 0 means "the whole" level above.
 */
public record FieldPath(String segment, int field, int component) {

    private static final Pattern SYNTAX = Pattern.compile("([A-Z][A-Z0-9]{2})(?:-(\\d{1,3})(?:\\.(\\d{1,3}))?)?");

    public FieldPath {
        Objects.requireNonNull(segment, "segment");
        if (field < 0 || component < 0 || (field == 0 && component > 0)) {
            throw new IllegalArgumentException("bad field path " + segment + "-" + field + "." + component);
        }
    }

    /**
     * Parses {@code NTE}, {@code PID-19} or {@code PID-5.1}.
     *
     * @throws IllegalArgumentException naming the expected form
     */
    public static FieldPath parse(String text) {
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a segment, field or component; write NTE, PID-19"
                    + " or PID-5.1");
        }
        int field = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        int component = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        if ((m.group(2) != null && field == 0) || (m.group(3) != null && component == 0)) {
            throw new IllegalArgumentException("'" + text + "': fields and components count from 1");
        }
        return new FieldPath(m.group(1), field, component);
    }

    public boolean isSegment() {
        return field == 0;
    }

    public boolean isComponent() {
        return component > 0;
    }

    /** The field this path lies in ({@code PID-5.1} → {@code PID-5}). */
    public FieldPath fieldOnly() {
        return new FieldPath(segment, field, 0);
    }

    @Override
    public String toString() {
        return segment + (field == 0 ? "" : "-" + field + (component == 0 ? "" : "." + component));
    }
}
