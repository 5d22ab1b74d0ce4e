package org.ward.hl7;

import java.util.Optional;

/**
 * The MSH segment of an inbound message read leniently, field by field, without HAPI: enough to
 * address an acknowledgement (MSH-3..6, MSH-10, MSH-11, MSH-12, MSH-18) even when the rest of the
 * message cannot be parsed. Field values stay in the sender's encoding (not unescaped).
 */
public final class MessageHeader {

    private final String[] fields;
    private final String encodingCharacters;

    private MessageHeader(String[] fields) {
        this.fields = fields;
        this.encodingCharacters = fields[1];
    }

    /**
     * Reads the first segment of {@code message}; empty when it is not an MSH segment with a field
     * separator and encoding characters (HL7 v2.6 §2.5.2: a message starts with MSH).
     */
    public static Optional<MessageHeader> read(CharSequence message) {
        int end = 0;
        while (end < message.length() && message.charAt(end) != '\r' && message.charAt(end) != '\n') {
            end++;
        }
        String segment = message.subSequence(0, end).toString();
        if (segment.length() < 8 || !segment.startsWith("MSH")) {
            return Optional.empty();
        }
        char fieldSeparator = segment.charAt(3);
        if (Character.isLetterOrDigit(fieldSeparator) || Character.isWhitespace(fieldSeparator)) {
            return Optional.empty();
        }
        String[] raw = split(segment.substring(4), fieldSeparator);
        if (raw[0].isEmpty() || raw[0].length() > 5) {
            return Optional.empty();
        }
        // fields[0] is MSH-1 (the separator itself), fields[n-1] is MSH-n.
        String[] fields = new String[raw.length + 1];
        fields[0] = String.valueOf(fieldSeparator);
        System.arraycopy(raw, 0, fields, 1, raw.length);
        return Optional.of(new MessageHeader(fields));
    }

    public char fieldSeparator() {
        return fields[0].charAt(0);
    }

    /** MSH-2 as sent, e.g. {@code ^~\&}. */
    public String encodingCharacters() {
        return encodingCharacters;
    }

    public char componentSeparator() {
        return encodingCharacters.charAt(0);
    }

    /** MSH-2's second character; {@code ~} when MSH-2 names only the component separator. */
    public char repetitionSeparator() {
        return encodingCharacters.length() > 1 ? encodingCharacters.charAt(1) : '~';
    }

    /** MSH-n exactly as sent, or "" when absent. */
    public String field(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("MSH field numbers start at 1: " + n);
        }
        return n <= fields.length ? fields[n - 1] : "";
    }

    /** Component {@code c} (1-based) of the first repetition of MSH-n, or "". */
    public String component(int n, int c) {
        String field = firstRepetition(field(n));
        String[] components = split(field, componentSeparator());
        return c <= components.length ? components[c - 1] : "";
    }

    /** MSH-10 message control ID. */
    public String controlId() {
        return firstRepetition(field(10));
    }

    /** MSH-9.2 trigger event, e.g. {@code R01}. */
    public String triggerEvent() {
        return component(9, 2);
    }

    /** MSH-9 as {@code ORU^R01} (code and trigger only). */
    public String messageType() {
        String trigger = triggerEvent();
        return component(9, 1) + (trigger.isEmpty() ? "" : "^" + trigger);
    }

    /** MSH-12.1 version ID. */
    public String version() {
        return component(12, 1);
    }

    /** First repetition of MSH-18, the character set of the whole message. */
    public String characterSet() {
        return firstRepetition(field(18));
    }

    /**
     * {@code text} cut at every {@code separator}, empty pieces kept (as {@code split} with a limit of
     * -1), without compiling a pattern: every message and every acknowledgement passes through here.
     */
    public static String[] split(String text, char separator) {
        int count = 1;
        for (int i = text.indexOf(separator); i >= 0; i = text.indexOf(separator, i + 1)) {
            count++;
        }
        String[] pieces = new String[count];
        int start = 0;
        for (int n = 0; n < count - 1; n++) {
            int end = text.indexOf(separator, start);
            pieces[n] = text.substring(start, end);
            start = end + 1;
        }
        pieces[count - 1] = text.substring(start);
        return pieces;
    }

    private String firstRepetition(String field) {
        if (encodingCharacters.length() < 2) {
            return field;
        }
        int rep = field.indexOf(encodingCharacters.charAt(1));
        return rep < 0 ? field : field.substring(0, rep);
    }

    @Override
    public String toString() {
        // Only routing metadata: MSH carries no patient data.
        return "MSH[" + messageType() + " control-id=" + controlId() + " version=" + version() + "]";
    }
}
