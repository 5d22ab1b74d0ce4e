package org.ward.profile;

import ca.uhn.hl7v2.ErrorCode;
import java.util.Optional;
import java.util.Set;
import org.ward.hl7.ErrorLocation;
import org.ward.hl7.Hl7Problem;
import org.ward.hl7.MessageHeader;

/**
 * Recognises the PCD transaction of a message from MSH-9 (message code and trigger event),
 * MSH-12 (version) and MSH-21 (profile OID in component 3, not the free text of component 1),
 * limited to the transactions a listener accepts. Everything else is refused with the table 0357
 * code HL7 v2.6 §2.9 prescribes: 200 unsupported message type, 201 unsupported event, 203
 * unsupported version, 101/103 for a missing or unknown profile identifier.
 */
public final class TransactionRegistry {

    /** IHE PCD TF-2 §2 and Appendix B.1: PCD transactions are HL7 v2.6. */
    public static final String VERSION = "2.6";

    private final ProfileIdentifiers identifiers;

    public TransactionRegistry(ProfileIdentifiers identifiers) {
        this.identifiers = identifiers;
    }

    public Recognition recognise(MessageHeader header, Set<PcdTransaction> accepted) {
        String code = header.component(9, 1);
        String trigger = header.triggerEvent();
        if (accepted.stream().noneMatch(t -> t.messageCode().equals(code))) {
            return refuse(ErrorCode.UNSUPPORTED_MESSAGE_TYPE, new ErrorLocation("MSH", 1, 9, 1, 1),
                    "Message type " + code + " is not accepted on this connection");
        }
        Optional<PcdTransaction> transaction = accepted.stream()
                .filter(t -> t.messageCode().equals(code) && t.triggerEvent().equals(trigger))
                .findFirst();
        if (transaction.isEmpty()) {
            return refuse(ErrorCode.UNSUPPORTED_EVENT_CODE, new ErrorLocation("MSH", 1, 9, 1, 2),
                    "Event " + code + "^" + trigger + " is not accepted on this connection");
        }
        if (!VERSION.equals(header.version())) {
            return refuse(ErrorCode.UNSUPPORTED_VERSION_ID, new ErrorLocation("MSH", 1, 12, 1, 1),
                    "HL7 version " + header.version() + " is not supported for " + transaction.get().id()
                            + " (IHE PCD uses " + VERSION + ")");
        }
        String msh21 = header.field(21);
        if (msh21.isEmpty()) {
            return refuse(ErrorCode.REQUIRED_FIELD_MISSING, ErrorLocation.field("MSH", 1, 21),
                    "MSH-21 message profile identifier is required for " + transaction.get().id());
        }
        String[] repetitions = MessageHeader.split(msh21, header.repetitionSeparator());
        for (String repetition : repetitions) {
            String oid = component(repetition, header.componentSeparator(), 3);
            if (identifiers.identifies(transaction.get(), oid)) {
                return new Recognition.Recognised(transaction.get(), repetition);
            }
        }
        return refuse(ErrorCode.TABLE_VALUE_NOT_FOUND, new ErrorLocation("MSH", 1, 21, 1, 3),
                "MSH-21 does not name a profile OID accepted for " + transaction.get().id());
    }

    private static Recognition refuse(ErrorCode code, ErrorLocation location, String text) {
        return new Recognition.Unrecognised(Hl7Problem.error(code, location, text));
    }

    private static String component(String field, char separator, int n) {
        String[] components = MessageHeader.split(field, separator);
        return n <= components.length ? components[n - 1] : "";
    }
}
