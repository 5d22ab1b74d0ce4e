package org.ward.validation;

import ca.uhn.hl7v2.ErrorCode;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.ward.hl7.ErrorLocation;
import org.ward.hl7.Hl7Problem;

/**
 * IHE PCD TF-2 B.8 (OBX-18): each equipment instance identifier, when valued, names the device by
 * its IEEE EUI-64, written as 16 hex digits (HL7 table 0301 "EUI64"). Two EI layouts occur: the
 * PCD short form {@code <EUI-64>^EUI-64} (EI-1 the identifier, EI-2 naming the scheme, as in the
 * TF and Continua samples), and the full HL7 form where EI-3/EI-4 carry {@code <EUI-64>^EUI-64}
 * (EI-1 then being e.g. a serial number, as in IPF's maximum PCD-01 sample). Whichever component
 * names the EUI-64 scheme, the identifier it types must be 16 hex digits. Both spellings of the
 * scheme are accepted: IHE PCD writes "EUI-64", HL7 v2.7 table 0301 "EUI64". Violation → 102 at
 * that OBX-18 repetition, ERROR.
 */
final class EquipmentIdentifierRule implements PcdRule {

    private static final Pattern EUI_64 = Pattern.compile("[0-9A-Fa-f]{16}");
    private static final Set<String> SCHEME = Set.of("EUI-64", "EUI64");

    @Override
    public void check(MessageView message, List<Hl7Problem> out) {
        for (SegmentView obx : message.named("OBX")) {
            int reps = obx.repetitions(18);
            for (int rep = 1; rep <= reps; rep++) {
                if (!isEui64(obx, rep)) {
                    out.add(Hl7Problem.error(ErrorCode.DATA_TYPE_ERROR,
                            new ErrorLocation("OBX", obx.sequence(), 18, rep, 0),
                            "OBX-18 equipment identifier must be a 16-hex-digit EUI-64 typed EUI-64"
                                    + " (IHE PCD TF-2 B.8)"));
                }
            }
        }
    }

    private static boolean isEui64(SegmentView obx, int rep) {
        String entityId = obx.component(18, rep, 1);
        String namespace = obx.component(18, rep, 2);
        String universalId = obx.component(18, rep, 3);
        String universalIdType = obx.component(18, rep, 4);
        if (entityId.isEmpty() && namespace.isEmpty() && universalId.isEmpty() && universalIdType.isEmpty()) {
            return true; // an empty repetition is "not valued"
        }
        if (SCHEME.contains(universalIdType)) {
            return EUI_64.matcher(universalId).matches();
        }
        return SCHEME.contains(namespace) && EUI_64.matcher(entityId).matches();
    }
}
