package org.ward.policy;

/**
 * An ER7-encoded HL7 v2 message as segment boundaries. A segment becomes an object only when a rule
 * needs it; the rest stay ranges of the original text, so a policy that leaves most of a message
 * alone costs little more than finding where its segments start.
 */
final class Er7Message {

    private final String original;
    private final Er7Separators separators;
    private final int count;
    private final int[] starts;
    private final int[] ends;
    private final int[] names;
    private final Er7Segment[] segments;
    private final boolean terminated;

    private Er7Message(String original, Er7Separators separators, int count, int[] starts, int[] ends, int[] names,
                       boolean terminated) {
        this.original = original;
        this.separators = separators;
        this.count = count;
        this.starts = starts;
        this.ends = ends;
        this.names = names;
        this.segments = new Er7Segment[count];
        this.terminated = terminated;
    }

    /**
     * Finds the segments (terminated by CR; a CR LF or a lone LF is read the same way).
     *
     * @throws IllegalArgumentException when the text does not start with an MSH segment
     */
    static Er7Message parse(String text) {
        Er7Separators separators = Er7Separators.of(text);
        int capacity = 16;
        int[] starts = new int[capacity];
        int[] ends = new int[capacity];
        int[] names = new int[capacity];
        int count = 0;
        int start = 0;
        int length = text.length();
        boolean terminated = false;
        while (start < length) {
            int end = start;
            while (end < length && text.charAt(end) != '\r' && text.charAt(end) != '\n') {
                end++;
            }
            if (end > start) {
                if (count == capacity) {
                    capacity *= 2;
                    starts = java.util.Arrays.copyOf(starts, capacity);
                    ends = java.util.Arrays.copyOf(ends, capacity);
                    names = java.util.Arrays.copyOf(names, capacity);
                }
                starts[count] = start;
                ends[count] = end;
                names[count] = end - start >= 3 ? code(text.charAt(start), text.charAt(start + 1), text.charAt(start + 2)) : 0;
                count++;
            }
            terminated = end < length;
            start = end + 1;
        }
        return new Er7Message(text, separators, count, starts, ends, names, terminated);
    }

    /** A segment name as one int, for lookups without building a string. */
    static int code(String name) {
        return name.length() == 3 ? code(name.charAt(0), name.charAt(1), name.charAt(2)) : 0;
    }

    private static int code(char a, char b, char c) {
        return (a << 16) | (b << 8) | c;
    }

    int count() {
        return count;
    }

    int nameCode(int index) {
        return names[index];
    }

    /** The segment as an object (made on first use). */
    Er7Segment segment(int index) {
        Er7Segment segment = segments[index];
        if (segment == null) {
            segment = new Er7Segment(original.substring(starts[index], ends[index]), separators);
            segments[index] = segment;
        }
        return segment;
    }

    Er7Separators separators() {
        return separators;
    }

    String original() {
        return original;
    }

    /** The message again without the dropped segments, segments joined by CR (and ending with one when the input did). */
    String text(boolean[] dropped) {
        StringBuilder b = new StringBuilder(original.length());
        boolean first = true;
        for (int i = 0; i < count; i++) {
            if (dropped[i]) {
                continue;
            }
            if (!first) {
                b.append('\r');
            }
            first = false;
            if (segments[i] != null) {
                b.append(segments[i].text());
            } else {
                b.append(original, starts[i], ends[i]);
            }
        }
        return (terminated ? b.append('\r') : b).toString();
    }
}
