package org.ward.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ward.hl7.Er7;
import org.ward.hl7.ErrorLocation;
import org.ward.hl7.MessageHeader;

/**
 * Every device EUI-64 a message claims (IHE PCD TF-2 Appendix B.1 MSH-3, B.8 OBX-18, C.5): MSH-3
 * when its universal ID type (HD-3) is {@code EUI-64}, and each OBX-18 repetition whose namespace
 * (EI-2) or universal ID type (EI-4) is {@code EUI-64} (the entity identifier EI-1, respectively
 * the universal ID EI-3, then holds the 16 hex digits). Values that are not 16 hex digits are
 * still returned, lower-cased, so that a binding check refuses them.
 */
public final class DeviceClaims {

    private static final String EUI64 = "EUI-64";

    private DeviceClaims() {
    }

    /** @param text the message with CR segment terminators */
    public static List<ClaimedDevice> in(String text) {
        MessageHeader header = MessageHeader.read(text).orElseThrow(
                () -> new IllegalArgumentException("not an HL7 message"));
        // Split by character, not by regular expression: this runs for every message before its ACK.
        char fields = header.fieldSeparator();
        char components = header.componentSeparator();
        char repetitions = header.repetitionSeparator();
        List<ClaimedDevice> claims = new ArrayList<>();
        String[] msh3 = MessageHeader.split(header.field(3), components);
        if (msh3.length >= 3 && msh3[2].equalsIgnoreCase(EUI64)) {
            claims.add(new ClaimedDevice(normalise(msh3[1]), new ErrorLocation("MSH", 1, 3, 1, 2)));
        }
        List<String> obx18 = Er7.fieldOfEach(text, "OBX", fields, 18);
        for (int obx = 1; obx <= obx18.size(); obx++) {
            String field = obx18.get(obx - 1);
            if (field.isEmpty()) {
                continue;
            }
            String[] reps = MessageHeader.split(field, repetitions);
            for (int rep = 0; rep < reps.length; rep++) {
                String[] ei = MessageHeader.split(reps[rep], components);
                if (ei.length >= 2 && ei[1].equalsIgnoreCase(EUI64)) {
                    claims.add(new ClaimedDevice(normalise(ei[0]), new ErrorLocation("OBX", obx, 18, rep + 1, 1)));
                }
                if (ei.length >= 4 && ei[3].equalsIgnoreCase(EUI64)) {
                    claims.add(new ClaimedDevice(normalise(ei[2]), new ErrorLocation("OBX", obx, 18, rep + 1, 3)));
                }
            }
        }
        return claims;
    }

    private static String normalise(String eui64) {
        return eui64.toLowerCase(Locale.ROOT);
    }
}
