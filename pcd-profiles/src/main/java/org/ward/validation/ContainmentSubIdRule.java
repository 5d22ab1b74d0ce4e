package org.ward.validation;

import ca.uhn.hl7v2.ErrorCode;
import java.util.List;
import java.util.regex.Pattern;
import org.ward.hl7.ErrorLocation;
import org.ward.hl7.Hl7Problem;

/**
 * IHE PCD TF-2 Appendix A and B.8 (OBX-4): the observation sub-ID places the observation in the
 * ISO/IEEE 11073 containment tree as dotted non-negative integers {@code <mds>.<vmd>.<chan>.<metric>}.
 * Fewer levels address the MDS, VMD or channel itself (e.g. {@code 1}, {@code 1.0.1} in the Continua
 * and IPF samples), and the TF allows "a further level or levels" for attributes and facets (the
 * ACM PCD-04 alert facets, the Continua {@code 1.0.0.2.1} metric attributes), so any depth of at
 * least one level is accepted. OBX-4 is usage R for PCD (Gazelle PCD-01 profile), except in PCD-03
 * where TF-2 §3.3.4.4.9 makes it RE: a patient parameter such as weight has no place in a device's
 * containment tree. Empty where required → 101, not dotted integers → 102, both ERROR.
 */
final class ContainmentSubIdRule implements PcdRule {

    private static final Pattern DOTTED = Pattern.compile("\\d+(\\.\\d+)*");

    private final boolean required;

    /** @param required whether an empty OBX-4 is an error (usage R) or allowed (usage RE) */
    ContainmentSubIdRule(boolean required) {
        this.required = required;
    }

    @Override
    public void check(MessageView message, List<Hl7Problem> out) {
        for (SegmentView obx : message.named("OBX")) {
            String subId = obx.component(4, 1, 1);
            ErrorLocation at = ErrorLocation.field("OBX", obx.sequence(), 4);
            if (subId.isEmpty()) {
                if (!required) {
                    continue;
                }
                out.add(Hl7Problem.error(ErrorCode.REQUIRED_FIELD_MISSING, at,
                        "OBX-4 containment sub-ID is required (IHE PCD TF-2 B.8)"));
            } else if (!DOTTED.matcher(subId).matches()) {
                out.add(Hl7Problem.error(ErrorCode.DATA_TYPE_ERROR, at,
                        "OBX-4 must be a dotted containment path <mds>.<vmd>.<chan>.<metric>"
                                + " of non-negative integers (IHE PCD TF-2 Appendix A)"));
            }
        }
    }
}
