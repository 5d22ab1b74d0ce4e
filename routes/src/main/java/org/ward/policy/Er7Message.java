package org.ward.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * An ER7-encoded HL7 v2 message as a list of segments. Only segments a rule touches are split into
 * fields, so a policy that leaves most of a message alone costs little more than finding the
 * segment boundaries.
 */
final class Er7Message {

    private final String original;
    private final Er7Separators separators;
    private final List<Er7Segment> segments;
    private final String terminator;

    private Er7Message(String original, Er7Separators separators, List<Er7Segment> segments, String terminator) {
        this.original = original;
        this.separators = separators;
        this.segments = segments;
        this.terminator = terminator;
    }

    /**
     * Splits a message at its segment terminators (CR; a CR LF or a lone LF is read the same way).
     *
     * @throws IllegalArgumentException when it does not start with an MSH segment
     */
    static Er7Message parse(String text) {
        Er7Separators separators = Er7Separators.of(text);
        List<Er7Segment> segments = new ArrayList<>();
        int start = 0;
        int length = text.length();
        String terminator = "";
        while (start < length) {
            int end = start;
            while (end < length && text.charAt(end) != '\r' && text.charAt(end) != '\n') {
                end++;
            }
            if (end > start) {
                segments.add(new Er7Segment(text.substring(start, end), separators));
            }
            if (end < length) {
                terminator = "\r";
            }
            start = end + 1;
        }
        return new Er7Message(text, separators, segments, terminator);
    }

    List<Er7Segment> segments() {
        return segments;
    }

    Er7Separators separators() {
        return separators;
    }

    String original() {
        return original;
    }

    /** The message again, segments joined by CR (and ending with one when the input did). */
    String text(List<Er7Segment> kept) {
        StringBuilder b = new StringBuilder(original.length());
        for (int i = 0; i < kept.size(); i++) {
            if (i > 0) {
                b.append('\r');
            }
            b.append(kept.get(i).text());
        }
        return b.append(terminator).toString();
    }
}
