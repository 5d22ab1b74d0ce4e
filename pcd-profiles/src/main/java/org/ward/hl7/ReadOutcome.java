package org.ward.hl7;

import ca.uhn.hl7v2.model.Message;
import java.nio.charset.Charset;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/** What reading an inbound MLLP payload gave: a readable message, or a problem that refuses it. */
public sealed interface ReadOutcome {

    /** The charset the payload was (or would have been) decoded with; ACKs are encoded the same way. */
    Charset charset();

    /**
     * A message HAPI parses (or, when Ward could tell so from the text, would parse) into its v2.6
     * structures. Its ER7 reading is what Ward works on; HAPI's model is built only when asked for.
     */
    final class Parsed implements ReadOutcome {

        private final Charset charset;
        private final MessageHeader header;
        private final String text;
        private final Optional<Er7Message> er7;
        private final Optional<GroupInstance> placed;
        private final Supplier<Message> hapi;
        private volatile Message message;

        /**
         * A message read from its text and placed into its HAPI structure; {@code hapi} parses it
         * when HAPI's model is asked for.
         */
        public Parsed(Charset charset, MessageHeader header, String text, Er7Message er7, GroupInstance placed,
                Supplier<Message> hapi) {
            this(charset, header, text, Optional.of(er7), Optional.of(placed), hapi, null);
        }

        /** A message HAPI has parsed already. */
        public Parsed(Charset charset, MessageHeader header, String text, Optional<Er7Message> er7, Message message) {
            this(charset, header, text, er7, Optional.empty(), () -> message, Objects.requireNonNull(message, "message"));
        }

        private Parsed(Charset charset, MessageHeader header, String text, Optional<Er7Message> er7,
                Optional<GroupInstance> placed, Supplier<Message> hapi, Message message) {
            this.charset = Objects.requireNonNull(charset, "charset");
            this.header = Objects.requireNonNull(header, "header");
            this.text = Objects.requireNonNull(text, "text");
            this.er7 = Objects.requireNonNull(er7, "er7");
            this.placed = Objects.requireNonNull(placed, "placed");
            this.hapi = Objects.requireNonNull(hapi, "hapi");
            this.message = message;
        }

        @Override
        public Charset charset() {
            return charset;
        }

        public MessageHeader header() {
            return header;
        }

        /** The message text, CR segment terminators. */
        public String text() {
            return text;
        }

        /** The text cut into segments; empty only when its delimiters are not five distinct characters. */
        public Optional<Er7Message> er7() {
            return er7;
        }

        /** Its segments placed into HAPI's structure, when it was read without HAPI. */
        public Optional<GroupInstance> placed() {
            return placed;
        }

        /** Whether HAPI's model exists yet (false: the message was read from its ER7 text alone). */
        boolean hasHapiModel() {
            return message != null;
        }

        /** HAPI's parsed model, built on first use. */
        public Message message() {
            Message parsed = message;
            if (parsed == null) {
                parsed = hapi.get();
                message = parsed;
            }
            return parsed;
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
