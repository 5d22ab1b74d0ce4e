package org.ward.hl7;

import java.util.Objects;

/**
 * Where in a message a problem lies, as ERR-2 (ERL, HL7 v2.6 §2.A.27) encodes it:
 * {@code SEG^sequence^field^repetition^component}. Zero means "not applicable" for the numbers.
 */
public record ErrorLocation(String segment, int sequence, int field, int repetition, int component) {

    public ErrorLocation {
        Objects.requireNonNull(segment, "segment");
        if (!isSegmentId(segment)) {
            throw new IllegalArgumentException("not a segment id: " + segment);
        }
        if (sequence < 0 || field < 0 || repetition < 0 || component < 0) {
            throw new IllegalArgumentException("negative position in " + segment);
        }
    }

    /**
     * Whether {@code name} is a segment id, {@code [A-Z][A-Z0-9]{2}}: checked by character, since
     * locations are built for every OBX of every message (a regular expression compiled each time).
     */
    public static boolean isSegmentId(String name) {
        if (name == null || name.length() != 3 || !isUpper(name.charAt(0))) {
            return false;
        }
        return (isUpper(name.charAt(1)) || isDigit(name.charAt(1))) && (isUpper(name.charAt(2)) || isDigit(name.charAt(2)));
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    public static ErrorLocation segment(String segment, int sequence) {
        return new ErrorLocation(segment, sequence, 0, 0, 0);
    }

    public static ErrorLocation field(String segment, int sequence, int field) {
        return new ErrorLocation(segment, sequence, field, 1, 0);
    }
}
