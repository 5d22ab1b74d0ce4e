package org.ward.validation;

import ca.uhn.hl7v2.ErrorCode;
import java.util.List;
import org.ward.hl7.ErrorLocation;
import org.ward.hl7.Hl7Problem;

/**
 * IHE PCD TF-2 Appendix B.1 (MSH): MSH-15 accept and MSH-16 application acknowledgement type are
 * required in every PCD message (usage R; the Gazelle PCD-01 profile agrees), so the receiver knows
 * whether the sender expects an accept and/or application ACK. Missing → 101, ERROR.
 */
final class AcknowledgementTypesRule implements PcdRule {

    @Override
    public void check(MessageView message, List<Hl7Problem> out) {
        for (SegmentView msh : message.named("MSH")) {
            requireValued(msh, 15, "MSH-15 accept acknowledgement type", out);
            requireValued(msh, 16, "MSH-16 application acknowledgement type", out);
        }
    }

    private static void requireValued(SegmentView msh, int field, String what, List<Hl7Problem> out) {
        if (msh.component(field, 1, 1).isEmpty()) {
            out.add(Hl7Problem.error(ErrorCode.REQUIRED_FIELD_MISSING,
                    ErrorLocation.field("MSH", msh.sequence(), field),
                    what + " is required (IHE PCD TF-2 B.1)"));
        }
    }
}
