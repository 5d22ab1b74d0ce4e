package org.ward.hl7;

import ca.uhn.hl7v2.model.Message;
import java.nio.charset.Charset;
import java.util.Objects;
import java.util.Optional;

/** What reading an inbound MLLP payload gave: a parsed message, or a problem that refuses it. */
public sealed interface ReadOutcome {

    /** The charset the payload was (or would have been) decoded with; ACKs are encoded the same way. */
    Charset charset();

    /** The payload parsed into HAPI's v2.6 structures. */
    record Parsed(Charset charset, MessageHeader header, Message message, String text) implements ReadOutcome {
        public Parsed {
            Objects.requireNonNull(charset, "charset");
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(text, "text");
        }
    }

    /** The payload cannot be processed; {@code header} is present whenever an MSH could be read. */
    record Unreadable(Charset charset, Optional<MessageHeader> header, Hl7Problem problem) implements ReadOutcome {
        public Unreadable {
            Objects.requireNonNull(charset, "charset");
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(problem, "problem");
        }
    }
}
