package org.ward.ack;

import java.util.List;
import java.util.Optional;
import org.ward.hl7.Hl7Problem;
import org.ward.hl7.MessageHeader;

/**
 * Writes an ACK as ER7 text directly, with Ward's {@code |^~\&}, for the common case: every value
 * it copies from the inbound header or sets itself is plain text (no character that would need an
 * HL7 escape sequence in either encoding, no subcomponents, no more components than the field's
 * data type has). Then the result is exactly what HAPI's model and {@code PipeParser} produce, at a
 * fraction of the cost and without HAPI's shared escaping tables; otherwise {@link #write} answers
 * empty and {@link AckFactory} builds the ACK with HAPI, which escapes and translates.
 */
final class Er7AckWriter {

    private static final String OWN_DELIMITERS = "|^~\\&";

    private final StringBuilder out = new StringBuilder(256);
    private final char theirComponents;
    private final char theirSubcomponents;
    private final char theirEscape;
    private boolean plain = true;

    private Er7AckWriter(Optional<MessageHeader> inbound) {
        String theirs = inbound.map(MessageHeader::encodingCharacters).orElse("^~\\&");
        theirComponents = theirs.charAt(0);
        theirSubcomponents = theirs.length() > 3 ? theirs.charAt(3) : '&';
        theirEscape = theirs.length() > 2 ? theirs.charAt(2) : '\\';
    }

    /**
     * The encoded ACK with CR after each segment, or empty when a value needs escaping or
     * translating between the sender's encoding characters and Ward's.
     */
    static Optional<String> write(AckContent ack) {
        Er7AckWriter writer = new Er7AckWriter(ack.inbound());
        writer.header(ack);
        writer.acknowledgment(ack);
        for (Hl7Problem problem : ack.problems()) {
            writer.error(problem);
        }
        return writer.plain ? Optional.of(writer.out.toString()) : Optional.empty();
    }

    private void header(AckContent ack) {
        String[] fields = new String[22];
        Optional<MessageHeader> inbound = ack.inbound();
        String sendingApplication = inbound.map(in -> copied(in.field(5), 3)).orElse("");
        fields[3] = sendingApplication.isEmpty() ? value(ack.ownApplication()) : sendingApplication;
        fields[4] = inbound.map(in -> copied(in.field(6), 3)).orElse("");
        fields[5] = inbound.map(in -> copied(in.field(3), 3)).orElse("");
        fields[6] = inbound.map(in -> copied(in.field(4), 3)).orElse("");
        fields[7] = value(ack.timestamp());
        fields[9] = "ACK^" + value(inbound.map(MessageHeader::triggerEvent).orElse("")) + "^ACK";
        fields[10] = value(ack.controlId());
        String processing = inbound.map(in -> copied(in.field(11), 2)).orElse("");
        fields[11] = processing.isEmpty() ? "P" : processing;
        fields[12] = value(inbound.map(MessageHeader::version).filter(v -> !v.isEmpty()).orElse(AckContent.DEFAULT_VERSION));
        fields[18] = inbound.map(in -> copied(in.characterSet(), 1)).orElse("");
        fields[21] = inbound.isPresent() ? ack.profile().map(p -> copied(p, 4)).orElse("") : "";
        out.append("MSH|^~\\&");
        segment(fields, 3);
    }

    private void acknowledgment(AckContent ack) {
        String[] fields = {null, ack.code().name(), value(ack.inbound().map(MessageHeader::controlId).orElse(""))};
        out.append("MSA");
        segment(fields, 1);
    }

    private void error(Hl7Problem problem) {
        String[] fields = new String[9];
        problem.location().ifPresent(location -> {
            String[] erl = new String[6];
            erl[0] = value(location.segment());
            erl[1] = String.valueOf(location.sequence());
            if (location.field() > 0) {
                erl[2] = String.valueOf(location.field());
                erl[3] = String.valueOf(Math.max(location.repetition(), 1));
            }
            if (location.component() > 0) {
                erl[4] = String.valueOf(location.component());
            }
            fields[2] = components(erl);
        });
        fields[3] = components(new String[] {String.valueOf(problem.code().getCode()), value(problem.code().getMessage()),
                "HL70357"});
        fields[4] = value(problem.severity().code());
        fields[8] = value(problem.text());
        out.append("ERR");
        segment(fields, 1);
    }

    /** Appends fields {@code first..} with a leading separator each, leaving out trailing empty ones. */
    private void segment(String[] fields, int first) {
        int last = fields.length - 1;
        while (last >= first && isEmpty(fields[last])) {
            last--;
        }
        for (int i = first; i <= last; i++) {
            out.append('|');
            if (fields[i] != null) {
                out.append(fields[i]);
            }
        }
        out.append('\r');
    }

    /** Components joined with '^', trailing empty ones left out (as HAPI encodes a composite). */
    private static String components(String[] components) {
        int last = components.length - 1;
        while (last >= 0 && isEmpty(components[last])) {
            last--;
        }
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i <= last; i++) {
            if (i > 0) {
                joined.append('^');
            }
            if (components[i] != null) {
                joined.append(components[i]);
            }
        }
        return joined.toString();
    }

    /**
     * A field as sent, re-encoded with Ward's component separator; at most {@code maxComponents}
     * components (the data type's), otherwise the HAPI path keeps the extra ones as it always did.
     */
    private String copied(String raw, int maxComponents) {
        if (raw.isEmpty()) {
            return "";
        }
        if (raw.indexOf(theirSubcomponents) >= 0 || raw.indexOf(theirEscape) >= 0) {
            plain = false;
            return "";
        }
        String[] parts = MessageHeader.split(raw, theirComponents);
        if (parts.length > maxComponents) {
            plain = false;
            return "";
        }
        for (int i = 0; i < parts.length; i++) {
            parts[i] = value(parts[i]);
        }
        return components(parts);
    }

    /** A value Ward sets; one that would need an escape sequence sends the ACK down the HAPI path. */
    private String value(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (OWN_DELIMITERS.indexOf(text.charAt(i)) >= 0) {
                plain = false;
                return "";
            }
        }
        return text;
    }

    private static boolean isEmpty(String value) {
        return value == null || value.isEmpty();
    }

    /** What one ACK says, whichever way it is encoded. */
    record AckContent(Optional<MessageHeader> inbound, ca.uhn.hl7v2.AcknowledgmentCode code, List<Hl7Problem> problems,
                      Optional<String> profile, String ownApplication, String timestamp, String controlId) {

        static final String DEFAULT_VERSION = "2.6";
    }
}
