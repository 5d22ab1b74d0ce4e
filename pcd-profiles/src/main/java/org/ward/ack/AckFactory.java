package org.ward.ack;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Type;
import ca.uhn.hl7v2.model.v26.datatype.ERL;
import ca.uhn.hl7v2.model.v26.message.ACK;
import ca.uhn.hl7v2.model.v26.segment.ERR;
import ca.uhn.hl7v2.model.v26.segment.MSH;
import ca.uhn.hl7v2.parser.EncodingCharacters;
import ca.uhn.hl7v2.parser.PipeParser;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.ward.hl7.Hl7Problem;
import org.ward.hl7.MessageHeader;

/**
 * Builds the acknowledgement for an inbound message (HL7 v2.6 §2.9, §2.14.1 MSA, §2.14.5 ERR).
 * The ACK's MSH swaps sender and receiver, carries a fresh MSH-10, echoes MSH-11/MSH-12/MSH-18,
 * and MSA-2 echoes the inbound MSH-10 whenever one could be read. ERR text comes only from
 * {@link Hl7Problem}, never from message content, so an ACK can carry neither PHI nor a stack trace.
 */
public final class AckFactory {

    private static final DateTimeFormatter HL7_TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSSZ");

    private final PipeParser parser;
    private final ControlIdGenerator controlIds;
    private final Clock clock;
    private final String ownApplication;

    /**
     * @param ownApplication MSH-3 of Ward's ACKs when the inbound MSH-5 (whom the sender addressed)
     *                       is empty; the IHE PCD ACK profile requires MSH-3
     */
    public AckFactory(PipeParser parser, ControlIdGenerator controlIds, Clock clock, String ownApplication) {
        this.parser = parser;
        this.controlIds = controlIds;
        this.clock = clock;
        this.ownApplication = ownApplication;
    }

    /** Every acknowledgment the verdict calls for under the sender's MSH-15/MSH-16, in sending order. */
    public List<String> respond(Optional<MessageHeader> inbound, Verdict verdict) {
        return AckPlan.codes(inbound, verdict.outcome()).stream()
                .map(code -> acknowledge(inbound, code, verdict.problems(), verdict.profile()))
                .toList();
    }

    /** One acknowledgment without a profile identifier. */
    public String acknowledge(Optional<MessageHeader> inbound, AcknowledgmentCode code, List<Hl7Problem> problems) {
        return acknowledge(inbound, code, problems, Optional.empty());
    }

    /**
     * @param inbound  the inbound header, empty when none could be read (MSA-2 then stays empty)
     * @param code     MSA-1
     * @param problems one ERR segment each, in order
     * @param profile  MSH-21 for the ACK: the inbound repetition that identified the profile
     * @return the encoded ACK with CR segment separators
     */
    public String acknowledge(Optional<MessageHeader> inbound, AcknowledgmentCode code, List<Hl7Problem> problems,
                              Optional<String> profile) {
        Er7AckWriter.AckContent content = new Er7AckWriter.AckContent(inbound, code, problems, profile, ownApplication,
                HL7_TIMESTAMP.format(ZonedDateTime.now(clock)), controlIds.next());
        return Er7AckWriter.write(content).orElseGet(() -> withHapi(content));
    }

    /** The general case (values that need escaping or translating), and the reference the ER7 writer is tested against. */
    String withHapi(Er7AckWriter.AckContent content) {
        Optional<MessageHeader> inbound = content.inbound();
        List<Hl7Problem> problems = content.problems();
        try {
            ACK ack = new ACK();
            ack.setParser(parser);
            fillHeader(ack.getMSH(), content);
            AcknowledgmentCode code = content.code();
            ack.getMSA().getAcknowledgmentCode().setValue(code.name());
            ack.getMSA().getMessageControlID().setValue(inbound.map(MessageHeader::controlId).orElse(""));
            for (int i = 0; i < problems.size(); i++) {
                fillError(ack.getERR(i), problems.get(i));
            }
            return parser.encode(ack);
        } catch (HL7Exception e) {
            // Only Ward's own values are set above; a failure here is a bug, not bad input.
            throw new IllegalStateException("cannot build ACK: " + e.getMessage(), e);
        }
    }

    private void fillHeader(MSH msh, Er7AckWriter.AckContent content) throws HL7Exception {
        Optional<MessageHeader> inbound = content.inbound();
        Optional<String> profile = content.profile();
        msh.getFieldSeparator().setValue("|");
        msh.getEncodingCharacters().setValue("^~\\&");
        if (inbound.isPresent()) {
            MessageHeader in = inbound.get();
            EncodingCharacters theirs = new EncodingCharacters(in.fieldSeparator(), in.encodingCharacters());
            copy(in.field(5), msh.getSendingApplication(), theirs);
            copy(in.field(6), msh.getSendingFacility(), theirs);
            copy(in.field(3), msh.getReceivingApplication(), theirs);
            copy(in.field(4), msh.getReceivingFacility(), theirs);
            copy(in.field(11), msh.getProcessingID(), theirs);
            copy(in.characterSet(), msh.getCharacterSet(0), theirs);
            if (profile.isPresent()) {
                copy(profile.get(), msh.getMessageProfileIdentifier(0), theirs);
            }
        }
        if (msh.getSendingApplication().isEmpty()) {
            msh.getSendingApplication().getNamespaceID().setValue(ownApplication);
        }
        msh.getDateTimeOfMessage().setValue(content.timestamp());
        msh.getMessageType().getMessageCode().setValue("ACK");
        msh.getMessageType().getTriggerEvent().setValue(inbound.map(MessageHeader::triggerEvent).orElse(""));
        msh.getMessageType().getMessageStructure().setValue("ACK");
        msh.getMessageControlID().setValue(content.controlId());
        if (msh.getProcessingID().isEmpty()) {
            msh.getProcessingID().getProcessingID().setValue("P");
        }
        String version = inbound.map(MessageHeader::version).filter(v -> !v.isEmpty())
                .orElse(Er7AckWriter.AckContent.DEFAULT_VERSION);
        msh.getVersionID().getVersionID().setValue(version);
    }

    private void copy(String raw, Type target, EncodingCharacters encoding) throws HL7Exception {
        if (!raw.isEmpty()) {
            parser.parse(target, raw, encoding);
        }
    }

    private static void fillError(ERR err, Hl7Problem problem) throws HL7Exception {
        if (problem.location().isPresent()) {
            var location = problem.location().get();
            ERL erl = err.getErrorLocation(0);
            erl.getSegmentID().setValue(location.segment());
            erl.getSegmentSequence().setValue(String.valueOf(location.sequence()));
            if (location.field() > 0) {
                erl.getFieldPosition().setValue(String.valueOf(location.field()));
                erl.getFieldRepetition().setValue(String.valueOf(Math.max(location.repetition(), 1)));
            }
            if (location.component() > 0) {
                erl.getComponentNumber().setValue(String.valueOf(location.component()));
            }
        }
        err.getHL7ErrorCode().getIdentifier().setValue(String.valueOf(problem.code().getCode()));
        err.getHL7ErrorCode().getText().setValue(problem.code().getMessage());
        err.getHL7ErrorCode().getNameOfCodingSystem().setValue("HL70357");
        err.getSeverity().setValue(problem.severity().code());
        err.getUserMessage().setValue(problem.text());
    }
}
