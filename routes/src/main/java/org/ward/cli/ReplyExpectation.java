package org.ward.cli;

import java.util.Optional;
import org.ward.ack.AckCondition;
import org.ward.hl7.MessageHeader;

/**
 * How sure {@code ward send} can be that another acknowledgment is coming, from the MSH-15/16
 * the sent message asked for and the replies so far (HL7 v2.6 §2.9.2-2.9.3, table 0155). A
 * receiver decides ER/SU acknowledgments by an outcome the sender cannot know, so those are
 * waited for only briefly.
 */
enum ReplyExpectation {
    /** A reply must come: wait the full timeout, and fail without one. */
    CERTAIN,
    /** A reply may come: wait a short grace period. */
    POSSIBLE,
    /** No further reply can come. */
    NONE;

    static ReplyExpectation first(Optional<MessageHeader> sent) {
        if (sent.isEmpty()) {
            return CERTAIN;
        }
        String msh15 = sent.get().field(15);
        String msh16 = sent.get().field(16);
        Optional<AckCondition> accept = AckCondition.of(msh15);
        Optional<AckCondition> application = AckCondition.of(msh16);
        boolean original = msh15.isEmpty() && msh16.isEmpty();
        boolean unknown = (!msh15.isEmpty() && accept.isEmpty()) || (!msh16.isEmpty() && application.isEmpty());
        if (original || unknown) {
            return CERTAIN;
        }
        AckCondition a = accept.orElse(AckCondition.NE);
        if (a == AckCondition.AL) {
            return CERTAIN;
        }
        if (a == AckCondition.NE) {
            return forApplication(application.orElse(AckCondition.NE));
        }
        return POSSIBLE;
    }

    /** After a reply with MSA-1 {@code code}. */
    static ReplyExpectation after(Optional<MessageHeader> sent, String code) {
        if (!code.equals("CA") || sent.isEmpty()) {
            // An application ACK, or a negative accept ACK, ends the exchange.
            return NONE;
        }
        return forApplication(AckCondition.of(sent.get().field(16)).orElse(AckCondition.NE));
    }

    private static ReplyExpectation forApplication(AckCondition condition) {
        return switch (condition) {
            case AL -> CERTAIN;
            case NE -> NONE;
            case ER, SU -> POSSIBLE;
        };
    }
}
