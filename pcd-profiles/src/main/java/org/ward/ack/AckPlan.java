package org.ward.ack;

import ca.uhn.hl7v2.AcknowledgmentCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ward.hl7.MessageHeader;

/**
 * Which acknowledgments to send for one message, in order (HL7 v2.6 §2.9.2 original mode,
 * §2.9.3 enhanced mode).
 *
 * <ul>
 *   <li>Original mode (MSH-15 and MSH-16 both empty): exactly one ACK, AA / AE / AR.</li>
 *   <li>Enhanced mode (either valued): an accept ACK (CA / CE / CR) when MSH-15 asks for it, then
 *       an application ACK (AA / AE / AR) when MSH-16 asks for it. An empty field in enhanced mode
 *       asks for nothing. A negative accept ACK ends the exchange: the message was not taken, so
 *       no application ACK follows it (§2.9.3.1: application processing happens only after the
 *       message was accepted).</li>
 *   <li>An MSH-15/MSH-16 value outside table 0155 cannot be honoured: Ward answers in original
 *       mode, and the caller reports the value as an error.</li>
 * </ul>
 * Both acknowledgments go back on the same connection, accept ACK first.
 */
public final class AckPlan {

    private AckPlan() {
    }

    public static List<AcknowledgmentCode> codes(Optional<MessageHeader> inbound, ProcessingOutcome outcome) {
        String msh15 = inbound.map(h -> h.field(15)).orElse("");
        String msh16 = inbound.map(h -> h.field(16)).orElse("");
        Optional<AckCondition> accept = AckCondition.of(msh15);
        Optional<AckCondition> application = AckCondition.of(msh16);
        boolean original = msh15.isEmpty() && msh16.isEmpty();
        boolean unknownCondition = (!msh15.isEmpty() && accept.isEmpty()) || (!msh16.isEmpty() && application.isEmpty());
        if (original || unknownCondition) {
            return List.of(outcome.applicationCode());
        }
        List<AcknowledgmentCode> codes = new ArrayList<>(2);
        boolean acceptSent = accept.orElse(AckCondition.NE).requires(outcome.isSuccess());
        if (acceptSent) {
            codes.add(outcome.acceptCode());
            if (!outcome.isSuccess()) {
                return codes;
            }
        }
        if (application.orElse(AckCondition.NE).requires(outcome.isSuccess())) {
            codes.add(outcome.applicationCode());
        }
        return codes;
    }

    /** Whether MSH-15/MSH-16 hold values outside table 0155; 0 when both are fine, else the field number. */
    public static int invalidConditionField(MessageHeader header) {
        if (!header.field(15).isEmpty() && AckCondition.of(header.field(15)).isEmpty()) {
            return 15;
        }
        if (!header.field(16).isEmpty() && AckCondition.of(header.field(16)).isEmpty()) {
            return 16;
        }
        return 0;
    }
}
