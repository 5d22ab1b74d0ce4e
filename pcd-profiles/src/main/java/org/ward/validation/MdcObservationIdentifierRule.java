package org.ward.validation;

import ca.uhn.hl7v2.ErrorCode;
import java.util.List;
import java.util.regex.Pattern;
import org.ward.hl7.ErrorLocation;
import org.ward.hl7.Hl7Problem;

/**
 * IHE PCD TF-2 B.8 (OBX-3) and Appendix A: every observation is identified by an ISO/IEEE 11073-10101
 * (MDC) term as {@code <numeric code>^<MDC reference id>^MDC} in the first CWE triplet; local codes
 * may follow only as the alternate triplet. Reference IDs start with {@code MDC_}; the TF's own
 * PCD-04 examples also use provisional {@code MDCX_} terms, which are accepted. Violation → 103
 * (the code is not in the required coding system) at OBX-3, ERROR; OBX-3 empty → 101 (HL7 v2.6
 * §7.4.2.3, usage R).
 */
final class MdcObservationIdentifierRule implements PcdRule {

    private static final Pattern MDC_CODE = Pattern.compile("\\d+");
    private static final Pattern MDC_REFID = Pattern.compile("MDCX?_[A-Za-z0-9_]+");

    @Override
    public void check(MessageView message, List<Hl7Problem> out) {
        for (SegmentView obx : message.named("OBX")) {
            String code = obx.component(3, 1, 1);
            String refId = obx.component(3, 1, 2);
            String system = obx.component(3, 1, 3);
            ErrorLocation at = ErrorLocation.field("OBX", obx.sequence(), 3);
            if (code.isEmpty() && refId.isEmpty() && system.isEmpty()) {
                out.add(Hl7Problem.error(ErrorCode.REQUIRED_FIELD_MISSING, at,
                        "OBX-3 observation identifier is required (HL7 v2.6 7.4.2.3)"));
            } else if (!MDC_CODE.matcher(code).matches() || !MDC_REFID.matcher(refId).matches()
                    || !system.equals("MDC")) {
                out.add(Hl7Problem.error(ErrorCode.TABLE_VALUE_NOT_FOUND, at,
                        "OBX-3 must be an MDC term coded as <numeric code>^MDC_<reference id>^MDC"
                                + " (IHE PCD TF-2 B.8)"));
            }
        }
    }
}
