package org.ward.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * One segment of an ER7-encoded message. Field boundaries are found once, when a rule first needs
 * a field, and kept as offsets, so reading or replacing one field copies only that field. Field
 * numbers follow HL7: for MSH, field 1 is the field separator itself and field 2 the encoding
 * characters, so {@link #field(int)} means the same number the standard prints.
 */
final class Er7Segment {

    private final Er7Separators separators;
    private final String name;
    private final boolean header;
    private String text;
    /** Offsets of the field separators in {@link #text}; null until a field is needed. */
    private int[] separatorsAt;
    private int separatorCount;

    Er7Segment(String text, Er7Separators separators) {
        this.text = text;
        this.separators = separators;
        this.name = text.length() >= 3 ? text.substring(0, 3) : text;
        this.header = name.equals("MSH");
    }

    String name() {
        return name;
    }

    boolean isHeader() {
        return header;
    }

    /** The field's value, empty when absent. */
    String field(int number) {
        if (header && number == 1) {
            return String.valueOf(separators.field());
        }
        int index = index(number);
        index();
        if (index > separatorCount) {
            return "";
        }
        int start = separatorsAt[index - 1] + 1;
        int end = index < separatorCount ? separatorsAt[index] : text.length();
        return text.substring(start, end);
    }

    /** The highest field number present. */
    int fieldCount() {
        index();
        return header ? separatorCount + 1 : separatorCount;
    }

    /** Replaces a field's value (trailing empty fields are left out, HL7 v2.6 §2.5.3). */
    void setField(int number, String value) {
        if (header && number <= 2) {
            throw new IllegalArgumentException("MSH-1 and MSH-2 define the encoding and cannot change");
        }
        int index = index(number);
        index();
        StringBuilder b = new StringBuilder(text.length() + value.length());
        if (index > separatorCount) {
            b.append(text);
            for (int i = separatorCount; i < index; i++) {
                b.append(separators.field());
            }
            b.append(value);
        } else {
            int start = separatorsAt[index - 1] + 1;
            int end = index < separatorCount ? separatorsAt[index] : text.length();
            b.append(text, 0, start).append(value).append(text, end, text.length());
        }
        int length = b.length();
        while (length > 3 && b.charAt(length - 1) == separators.field()) {
            length--;
        }
        boolean trimmed = length < b.length();
        b.setLength(length);
        if (index <= separatorCount && !trimmed) {
            // the separators after the field move by the change in its length; none appear or vanish
            int start = separatorsAt[index - 1] + 1;
            int end = index < separatorCount ? separatorsAt[index] : text.length();
            int delta = value.length() - (end - start);
            for (int i = index; i < separatorCount; i++) {
                separatorsAt[i] += delta;
            }
        } else {
            separatorsAt = null;
        }
        text = b.toString();
    }

    /**
     * Whether the field (first repetition), or its component 1 or 2, equals one of {@code codes};
     * compares in place, without copying the field.
     */
    boolean fieldHolds(int number, java.util.Collection<String> codes) {
        int index = index(number);
        index();
        if (index > separatorCount) {
            return false;
        }
        int start = separatorsAt[index - 1] + 1;
        int end = index < separatorCount ? separatorsAt[index] : text.length();
        int repetition = text.indexOf(separators.repetition(), start);
        if (repetition >= 0 && repetition < end) {
            end = repetition;
        }
        if (start == end) {
            return false;
        }
        int first = text.indexOf(separators.component(), start);
        if (first < 0 || first >= end) {
            return equalsAny(start, end, codes);
        }
        int second = text.indexOf(separators.component(), first + 1);
        if (second < 0 || second > end) {
            second = end;
        }
        return equalsAny(start, end, codes) || equalsAny(start, first, codes) || equalsAny(first + 1, second, codes);
    }

    private boolean equalsAny(int start, int end, java.util.Collection<String> codes) {
        int length = end - start;
        for (String code : codes) {
            if (code.length() == length && text.regionMatches(start, code, 0, length)) {
                return true;
            }
        }
        return false;
    }

    String firstRepetition(String value) {
        int end = value.indexOf(separators.repetition());
        return end < 0 ? value : value.substring(0, end);
    }

    /** Component {@code number} (1-based) of one repetition's value; empty when absent. */
    String component(String repetition, int number) {
        int start = 0;
        for (int i = 1; i < number; i++) {
            int next = repetition.indexOf(separators.component(), start);
            if (next < 0) {
                return "";
            }
            start = next + 1;
        }
        int end = repetition.indexOf(separators.component(), start);
        return end < 0 ? repetition.substring(start) : repetition.substring(start, end);
    }

    Er7Separators separators() {
        return separators;
    }

    String text() {
        return text;
    }

    /** Split index of field {@code number}: for MSH, index n holds MSH-(n+1). */
    private int index(int number) {
        if (number < 1) {
            throw new IllegalArgumentException("fields count from 1, got " + number);
        }
        return header ? number - 1 : number;
    }

    private void index() {
        if (separatorsAt != null) {
            return;
        }
        int[] at = new int[32];
        int count = 0;
        char separator = separators.field();
        for (int i = text.indexOf(separator); i >= 0; i = text.indexOf(separator, i + 1)) {
            if (count == at.length) {
                at = java.util.Arrays.copyOf(at, count * 2);
            }
            at[count++] = i;
        }
        separatorsAt = at;
        separatorCount = count;
    }

    static List<String> split(String value, char separator) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = value.indexOf(separator); i >= 0; i = value.indexOf(separator, start)) {
            out.add(value.substring(start, i));
            start = i + 1;
        }
        out.add(value.substring(start));
        return out;
    }
}
