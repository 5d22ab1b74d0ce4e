package org.ward.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * One segment of an ER7-encoded message, split into fields only when a rule needs them. Field
 * numbers follow HL7: for MSH, field 1 is the field separator itself and field 2 the encoding
 * characters, so {@link #field(int)} means the same number the standard prints.
 */
final class Er7Segment {

    private final Er7Separators separators;
    private final String name;
    private final boolean header;
    private String text;
    private List<String> parts;

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
        int index = index(number);
        if (isHeader() && number == 1) {
            return String.valueOf(separators.field());
        }
        List<String> p = parts();
        return index < p.size() ? p.get(index) : "";
    }

    /** The highest field number present. */
    int fieldCount() {
        int size = parts().size() - 1;
        return isHeader() ? size + 1 : size;
    }

    void setField(int number, String value) {
        if (isHeader() && number <= 2) {
            throw new IllegalArgumentException("MSH-1 and MSH-2 define the encoding and cannot change");
        }
        int index = index(number);
        List<String> p = parts();
        while (p.size() <= index) {
            p.add("");
        }
        p.set(index, value);
        text = null;
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
        if (text == null) {
            StringBuilder b = new StringBuilder();
            List<String> p = parts;
            int last = p.size() - 1;
            while (last > 0 && p.get(last).isEmpty()) {
                last--; // trailing empty fields carry nothing (HL7 v2.6 §2.5.3)
            }
            for (int i = 0; i <= last; i++) {
                if (i > 0) {
                    b.append(separators.field());
                }
                b.append(p.get(i));
            }
            text = b.toString();
        }
        return text;
    }

    private int index(int number) {
        if (number < 1) {
            throw new IllegalArgumentException("fields count from 1, got " + number);
        }
        return isHeader() ? number - 1 : number;
    }

    private List<String> parts() {
        if (parts == null) {
            parts = split(text, separators.field());
        }
        return parts;
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
