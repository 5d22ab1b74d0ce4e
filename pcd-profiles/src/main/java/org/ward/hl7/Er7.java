package org.ward.hl7;

import java.util.ArrayList;
import java.util.List;

/**
 * ER7 ("pipe") text rules exactly as HAPI's {@code PipeParser} applies them, so that Ward's own
 * reading of a message agrees with what HAPI would have parsed: splitting (consecutive delimiters
 * give empty parts, one trailing delimiter gives none), emptiness, and the canonical form HAPI
 * encodes an element back to (trailing empty components and subcomponents dropped).
 */
public final class Er7 {

    private Er7() {
    }

    /**
     * Splits like HAPI's {@code PipeParser.split}: {@code "a||b"} → a, "", b; {@code "a|"} → a;
     * {@code "|"} → ""; {@code ""} → nothing.
     */
    public static List<String> split(String text, char delimiter) {
        int first = text.indexOf(delimiter);
        if (first < 0) {
            return text.isEmpty() ? List.of() : List.of(text);
        }
        int count = 1;
        for (int i = text.indexOf(delimiter, first + 1); i >= 0; i = text.indexOf(delimiter, i + 1)) {
            count++;
        }
        List<String> parts = new ArrayList<>(count + 1);
        int start = 0;
        boolean previousWasDelimiter = true;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == delimiter) {
                if (previousWasDelimiter) {
                    parts.add("");
                } else {
                    parts.add(text.substring(start, i));
                }
                previousWasDelimiter = true;
                start = i + 1;
            } else {
                previousWasDelimiter = false;
            }
        }
        if (!previousWasDelimiter) {
            parts.add(text.substring(start));
        }
        return parts;
    }

    /**
     * Field {@code n} (1-based, as sent) of every segment of {@code text} whose ID is {@code id}, in
     * message order, "" where the segment has no such field; without cutting the other segments or
     * fields. Segments end at CR. Not for MSH, whose field numbering differs.
     */
    public static List<String> fieldOfEach(String text, String id, char fieldSeparator, int n) {
        List<String> values = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\r', start);
            if (end < 0) {
                end = text.length();
            }
            if (text.startsWith(id, start)) {
                values.add(part(text.substring(start, end), fieldSeparator, n + 1));
            }
            start = end + 1;
        }
        return values;
    }

    /** Part {@code n} (1-based) of {@code text} split at {@code delimiter}, or "" when absent. */
    public static String part(String text, char delimiter, int n) {
        int start = 0;
        for (int i = 1; i < n; i++) {
            int next = text.indexOf(delimiter, start);
            if (next < 0) {
                return "";
            }
            start = next + 1;
        }
        int end = text.indexOf(delimiter, start);
        return end < 0 ? text.substring(start) : text.substring(start, end);
    }

    /**
     * Whether any value starts with white space ({@code \s}: space, tab, LF, VT, FF). HAPI trims
     * it off ST and FT values as it parses them (its "no validation" context still corrects these
     * types), so only HAPI's typed model knows what such a value becomes.
     */
    public static boolean hasLeadingWhitespace(String text, Er7Delimiters delimiters) {
        for (int i = 0; i < text.length(); i++) {
            if (isWhitespace(text.charAt(i)) && (i == 0 || isDelimiter(text.charAt(i - 1), delimiters))) {
                return true;
            }
        }
        return false;
    }

    /** Whether any value in {@code element} ends with white space, which HAPI trims off TX values. */
    public static boolean hasTrailingWhitespace(String element, Er7Delimiters delimiters) {
        for (int i = 0; i < element.length(); i++) {
            if (isWhitespace(element.charAt(i))
                    && (i + 1 == element.length() || isDelimiter(element.charAt(i + 1), delimiters))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f';
    }

    private static boolean isDelimiter(char c, Er7Delimiters d) {
        return c == '\r' || c == d.field() || c == d.component() || c == d.repetition() || c == d.subcomponent();
    }

    /** Whether an element holds nothing but delimiters: HAPI then parses no value into it. */
    public static boolean isEmpty(String element, Er7Delimiters delimiters) {
        for (int i = 0; i < element.length(); i++) {
            char c = element.charAt(i);
            if (c != delimiters.component() && c != delimiters.subcomponent() && c != delimiters.repetition()) {
                return false;
            }
        }
        return true;
    }

    /**
     * A field repetition (or a component, with {@code component} set to the subcomponent
     * separator and no deeper level) as HAPI's {@code PipeParser.encode} writes it back: each
     * component without trailing subcomponent separators, and no trailing component separators.
     */
    public static String canonical(String element, Er7Delimiters delimiters) {
        char component = delimiters.component();
        char subcomponent = delimiters.subcomponent();
        if (isCanonical(element, component, subcomponent)) {
            return element;
        }
        StringBuilder out = new StringBuilder(element.length());
        for (String part : split(element, component)) {
            out.append(stripTrailing(part, subcomponent)).append(component);
        }
        return stripTrailing(out.toString(), component);
    }

    /** No component ends with a subcomponent separator and the element does not end with a separator. */
    private static boolean isCanonical(String element, char component, char subcomponent) {
        int length = element.length();
        if (length == 0) {
            return true;
        }
        char last = element.charAt(length - 1);
        if (last == component || last == subcomponent) {
            return false;
        }
        for (int i = element.indexOf(subcomponent); i >= 0 && i + 1 < length; i = element.indexOf(subcomponent, i + 1)) {
            if (element.charAt(i + 1) == component) {
                return false;
            }
        }
        return true;
    }

    /** A component as HAPI encodes it when it is a field of its own: no trailing subcomponents. */
    public static String canonicalComponent(String component, Er7Delimiters delimiters) {
        return stripTrailing(component, delimiters.subcomponent());
    }

    private static String stripTrailing(String text, char delimiter) {
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == delimiter) {
            end--;
        }
        return text.substring(0, end);
    }
}
