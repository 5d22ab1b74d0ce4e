package org.ward.hl7;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A message's ER7 text cut into segments, the way HAPI's {@code PipeParser} cuts it before it maps
 * segments onto a message structure: segments end with CR, leading white space is dropped, parts
 * shorter than three characters are ignored, and a segment's ID is the text before its first field
 * separator. Immutable and cheap: fields are only cut, never unescaped or typed.
 */
public final class Er7Message {

    private final String text;
    private final Er7Delimiters delimiters;
    private final List<Er7Segment> segments;

    private Er7Message(String text, Er7Delimiters delimiters, List<Er7Segment> segments) {
        this.text = text;
        this.delimiters = delimiters;
        this.segments = segments;
    }

    /**
     * Cuts {@code text} (CR segment terminators); empty when it does not start with an MSH segment
     * whose MSH-1 and MSH-2 name five distinct delimiters.
     */
    public static Optional<Er7Message> of(String text) {
        Objects.requireNonNull(text, "text");
        if (text.length() < 8 || !text.startsWith("MSH")) {
            return Optional.empty();
        }
        Er7Delimiters delimiters;
        try {
            delimiters = new Er7Delimiters(text.charAt(3), text.charAt(4), text.charAt(5), text.charAt(6),
                    text.charAt(7));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        List<Er7Segment> segments = new ArrayList<>();
        for (String part : Er7.split(text, '\r')) {
            String segment = stripLeadingWhitespace(part);
            if (segment.length() < 3) {
                continue;
            }
            String name;
            if (segments.isEmpty()) {
                name = segment.substring(0, 3);
            } else {
                int end = segment.indexOf(delimiters.field());
                name = end < 0 ? segment : segment.substring(0, end);
            }
            segments.add(Er7Segment.of(name, segment, delimiters));
        }
        return Optional.of(new Er7Message(text, delimiters, List.copyOf(segments)));
    }

    private static String stripLeadingWhitespace(String part) {
        int start = 0;
        while (start < part.length() && Character.isWhitespace(part.charAt(start))) {
            start++;
        }
        return start == 0 ? part : part.substring(start);
    }

    /** The whole message text, CR-terminated segments. */
    public String text() {
        return text;
    }

    public Er7Delimiters delimiters() {
        return delimiters;
    }

    /** The segments in message order, MSH first. */
    public List<Er7Segment> segments() {
        return segments;
    }

    /** The MSH segment. */
    public Er7Segment header() {
        return segments.get(0);
    }
}
