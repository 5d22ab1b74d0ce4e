package org.ward.delivery;

import ca.uhn.hl7v2.AcknowledgmentCode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.ward.hl7.MessageHeader;

/**
 * What a delivery needs from a reply: MSA-1, MSA-2 and the first ERR-3 code (HL7 v2.6 §2.14.1 MSA,
 * §2.14.5 ERR). Free text (MSA-3, ERR-8) is never read: a receiver may echo patient data there.
 *
 * @param code      MSA-1 acknowledgement code (table 0008)
 * @param controlId MSA-2, the MSH-10 of the message being acknowledged
 * @param errorCode ERR-3.1 of the first ERR segment carrying one (table 0357), or ""
 */
public record Acknowledgment(AcknowledgmentCode code, String controlId, String errorCode) {

    /** ERR-3.1 is a code from table 0357 or a local table; anything else is not copied into reasons. */
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._-]{1,20}");

    public Acknowledgment {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(controlId, "controlId");
        Objects.requireNonNull(errorCode, "errorCode");
    }

    /**
     * Reads a reply; empty when it is not an HL7 message with an MSA segment whose MSA-1 is in table
     * 0008. Segments may end in CR (§2.5.1) or, leniently, LF.
     */
    public static Optional<Acknowledgment> read(byte[] reply) {
        // ISO-8859-1 keeps every byte: MSA-1/MSA-2/ERR-3 are ASCII in any charset MSH-18 may name.
        String text = new String(reply, StandardCharsets.ISO_8859_1);
        Optional<MessageHeader> header = MessageHeader.read(text);
        if (header.isEmpty()) {
            return Optional.empty();
        }
        char fieldSeparator = header.get().fieldSeparator();
        char componentSeparator = header.get().componentSeparator();
        String[] msa = null;
        String errorCode = "";
        int start = 0;
        while (start < text.length()) {
            int end = start;
            while (end < text.length() && text.charAt(end) != '\r' && text.charAt(end) != '\n') {
                end++;
            }
            String segment = text.substring(start, end);
            start = end + 1;
            if (segment.isEmpty()) {
                continue;
            }
            String[] fields = MessageHeader.split(segment, fieldSeparator);
            if (fields[0].equals("MSA") && msa == null) {
                msa = fields;
            } else if (fields[0].equals("ERR") && errorCode.isEmpty() && fields.length > 3) {
                int cut = fields[3].indexOf(componentSeparator);
                String candidate = cut < 0 ? fields[3] : fields[3].substring(0, cut);
                errorCode = CODE.matcher(candidate).matches() ? candidate : "";
            }
        }
        if (msa == null || msa.length < 2) {
            return Optional.empty();
        }
        String msa1 = msa[1];
        Optional<AcknowledgmentCode> code = Arrays.stream(AcknowledgmentCode.values())
                .filter(c -> c.name().equals(msa1))
                .findFirst();
        String controlId = msa.length > 2 ? msa[2] : "";
        String error = errorCode;
        return code.map(c -> new Acknowledgment(c, controlId, error));
    }

    /** Whether this acknowledges the message whose MSH-10 is {@code sentControlId}. */
    public boolean answers(String sentControlId) {
        return !sentControlId.isEmpty() && controlId.equals(sentControlId);
    }

    /** MSA-1 and, if present, the ERR-3 code, e.g. {@code AR ERR-3=207}: safe for logs and journals. */
    public String summary() {
        return code.name() + (errorCode.isEmpty() ? "" : " ERR-3=" + errorCode);
    }
}
