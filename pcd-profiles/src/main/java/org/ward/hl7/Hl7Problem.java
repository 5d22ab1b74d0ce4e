package org.ward.hl7;

import ca.uhn.hl7v2.ErrorCode;
import java.util.Objects;
import java.util.Optional;

/**
 * One problem with an inbound message, ready to become one ERR segment. The text is written by
 * Ward, never copied from a parser exception, so it cannot carry message content (PHI).
 *
 * @param code     HL7 table 0357 code (ERR-3)
 * @param severity ERR-4
 * @param location ERR-2, when known
 * @param text     short operator/sender-facing explanation (ERR-8), no message content
 */
public record Hl7Problem(ErrorCode code, ErrorSeverity severity, Optional<ErrorLocation> location, String text) {

    public Hl7Problem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(text, "text");
    }

    public static Hl7Problem error(ErrorCode code, ErrorLocation location, String text) {
        return new Hl7Problem(code, ErrorSeverity.ERROR, Optional.ofNullable(location), text);
    }
}
