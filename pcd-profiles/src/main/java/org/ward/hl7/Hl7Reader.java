package org.ward.hl7;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.Location;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.ward.profile.PcdModelClassFactory;

/**
 * Turns an MLLP payload into a readable HL7 v2 message: picks the charset from MSH-18, reads the
 * header leniently, then decides whether HAPI parses it into v2.6 structures (IHE PCD is v2.6;
 * earlier 2.x versions map onto the same structures; R40/R41/R42 through
 * {@link PcdModelClassFactory}). Where the ER7 text shows that HAPI would parse it (see
 * {@link Er7Parseability}) HAPI is not run; otherwise HAPI parses it, and its failure decides the
 * problem, exactly as before. Thread-safe; one instance shares one {@link HapiContext}.
 *
 * <p>Profile validation is not done here: this only decides whether the bytes are HL7 at all.
 */
public final class Hl7Reader {

    private final HapiContext context;
    private final PipeParser parser;
    private final Er7Structures structures;
    private final Er7Parseability parseability;

    public Hl7Reader() {
        context = new DefaultHapiContext(new PcdModelClassFactory());
        context.setValidationContext(ValidationContextFactory.noValidation());
        // HAPI's default ID generator writes a counter file in the user's home; Ward never asks HAPI for IDs.
        context.getParserConfiguration().setIdGenerator(() -> {
            throw new IllegalStateException("Ward generates message control IDs itself");
        });
        parser = context.getPipeParser();
        structures = new Er7Structures(context.getModelClassFactory());
        parseability = new Er7Parseability(structures);
    }

    /** How this reader places messages into HAPI's structures; a validator sharing it reuses the placement. */
    public Er7Structures structures() {
        return structures;
    }

    /** The shared HAPI context, for components that need the same parser configuration. */
    public HapiContext context() {
        return context;
    }

    public ReadOutcome read(byte[] payload, Charset defaultCharset) {
        // MSH-1..MSH-18 are ASCII in every charset table 0211 allows over MLLP, so a byte-preserving
        // decode is enough to find MSH-18 before the real charset is known.
        Optional<MessageHeader> rawHeader = MessageHeader.read(new String(payload, StandardCharsets.ISO_8859_1));
        if (rawHeader.isEmpty()) {
            return new ReadOutcome.Unreadable(defaultCharset, Optional.empty(), Hl7Problem.error(
                    ErrorCode.SEGMENT_SEQUENCE_ERROR, ErrorLocation.segment("MSH", 1),
                    "Message does not start with a valid MSH segment"));
        }
        String msh18 = rawHeader.get().characterSet();
        Charset charset = defaultCharset;
        if (!msh18.isEmpty()) {
            Optional<Hl7Charset> announced = Hl7Charset.ofCode(msh18);
            if (announced.isEmpty()) {
                return new ReadOutcome.Unreadable(defaultCharset, rawHeader, Hl7Problem.error(
                        ErrorCode.TABLE_VALUE_NOT_FOUND, ErrorLocation.field("MSH", 1, 18),
                        "Character set in MSH-18 is not supported (HL7 table 0211)"));
            }
            charset = announced.get().charset();
        }
        String text = normaliseSegmentEndings(new String(payload, charset));
        MessageHeader header = MessageHeader.read(text).orElseThrow();
        Optional<Er7Message> er7 = Er7Message.of(text);
        Optional<GroupInstance> placed = er7.flatMap(parseability::placedIfHapiWouldParse);
        if (placed.isPresent()) {
            return new ReadOutcome.Parsed(charset, header, text, er7.get(), placed.get(), () -> parseKnownGood(text));
        }
        return parseWithHapi(charset, header, text, er7);
    }

    /** The HAPI parse the ER7 path stands in for, on every message (for tests comparing the two). */
    ReadOutcome readWithHapi(byte[] payload, Charset defaultCharset) {
        ReadOutcome outcome = read(payload, defaultCharset);
        if (outcome instanceof ReadOutcome.Parsed parsed) {
            return parseWithHapi(parsed.charset(), parsed.header(), parsed.text(), parsed.er7());
        }
        return outcome;
    }

    private ReadOutcome parseWithHapi(Charset charset, MessageHeader header, String text, Optional<Er7Message> er7) {
        try {
            Message message = parser.parse(text);
            return new ReadOutcome.Parsed(charset, header, text, er7, message);
        } catch (HL7Exception e) {
            return new ReadOutcome.Unreadable(charset, Optional.of(header),
                    MissingValueType.find(text).orElseGet(() -> problemOf(e)));
        }
    }

    /** HAPI's model of a message {@link Er7Parseability} found parseable; failing is a Ward defect. */
    private Message parseKnownGood(String text) {
        try {
            return parser.parse(text);
        } catch (HL7Exception e) {
            // Exception text is not kept: HAPI may quote message content in it.
            throw new IllegalStateException("HAPI refused a message Ward read as parseable ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** Segments end with CR (HL7 v2.6 §2.5.1); devices also send LF or CRLF. */
    static String normaliseSegmentEndings(String text) {
        if (text.indexOf('\n') < 0) {
            return text;
        }
        return text.replace("\r\n", "\r").replace('\n', '\r');
    }

    private static Hl7Problem problemOf(HL7Exception e) {
        ErrorCode code = ErrorCode.errorCodeFor(e.getErrorCode());
        if (code == null || code == ErrorCode.APPLICATION_INTERNAL_ERROR || code == ErrorCode.MESSAGE_ACCEPTED) {
            // HAPI reports structural parse failures as 207; they are the sender's, not Ward's, error.
            code = ErrorCode.SEGMENT_SEQUENCE_ERROR;
        }
        return Hl7Problem.error(code, locationOf(e.getLocation()), "Message could not be parsed: " + code.getMessage());
    }

    private static ErrorLocation locationOf(Location location) {
        if (location == null || location.getSegmentName() == null
                || !ErrorLocation.isSegmentId(location.getSegmentName())) {
            return null;
        }
        int field = Math.max(location.getField(), 0);
        return new ErrorLocation(location.getSegmentName(), Math.max(location.getSegmentRepetition(), 1), field,
                field > 0 ? Math.max(location.getFieldRepetition(), 1) : 0, Math.max(location.getComponent(), 0));
    }
}
