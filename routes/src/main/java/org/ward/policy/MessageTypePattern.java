package org.ward.policy;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An MSH-9 pattern: {@code ORU^R01} (exact), {@code ADT^A*} (any trigger starting with A),
 * {@code ADT^*} or {@code ADT} (any trigger), {@code *} (any message).
 */
public record MessageTypePattern(String text) {

    private static final Pattern SYNTAX = Pattern.compile("\\*|[A-Z0-9]{3}(\\^([A-Z0-9]{3}|[A-Z0-9]{0,2}\\*))?");

    public MessageTypePattern {
        Objects.requireNonNull(text, "text");
        if (!SYNTAX.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a message type pattern; write ORU^R01, ADT^A*,"
                    + " ADT or *");
        }
    }

    /** Whether MSH-9.1^MSH-9.2 (e.g. {@code ORU^R01}) matches. */
    public boolean matches(String messageType) {
        if (text.equals("*")) {
            return true;
        }
        if (text.length() == 3) {
            return messageType.startsWith(text) && (messageType.length() == 3 || messageType.charAt(3) == '^');
        }
        if (text.endsWith("*")) {
            return messageType.startsWith(text.substring(0, text.length() - 1));
        }
        return text.equals(messageType);
    }

    /** Higher is more specific: exact beats a prefix, a longer prefix beats a shorter one, and {@code *} loses to all. */
    int specificity() {
        if (text.equals("*")) {
            return 0;
        }
        if (text.length() == 3) {
            return 4;
        }
        return text.endsWith("*") ? text.length() : 100;
    }

    /** Whether some message type matches both patterns. */
    boolean overlaps(MessageTypePattern other) {
        String a = prefix(text);
        String b = prefix(other.text);
        boolean aOpen = !text.equals(a);
        boolean bOpen = !other.text.equals(b);
        if (aOpen && bOpen) {
            return a.startsWith(b) || b.startsWith(a);
        }
        if (aOpen) {
            return b.startsWith(a);
        }
        if (bOpen) {
            return a.startsWith(b);
        }
        return a.equals(b);
    }

    /** The literal part: {@code ADT^A*} → {@code ADT^A}, {@code ADT} → {@code ADT^}, {@code *} → empty. */
    private static String prefix(String pattern) {
        if (pattern.equals("*")) {
            return "";
        }
        if (pattern.length() == 3) {
            return pattern + "^";
        }
        return pattern.endsWith("*") ? pattern.substring(0, pattern.length() - 1) : pattern;
    }

    @Override
    public String toString() {
        return text;
    }
}
