package org.ward.hl7;

import ca.uhn.hl7v2.ErrorCode;
import java.util.Optional;

/**
 * Finds the OBX whose OBX-5 is valued while OBX-2 is empty. HAPI cannot type such a value and
 * refuses the whole message without saying where; this names the place for the ERR segment
 * (HL7 v2.6 §7.4.2.2: OBX-2 is required whenever OBX-5 is valued). HAPI's default-type option
 * is not used because it writes a type into OBX-2 and so hides the error.
 */
final class MissingValueType {

    private MissingValueType() {
    }

    /** The first such OBX in {@code text} (CR-separated segments), as a 101 at OBX-2. */
    static Optional<Hl7Problem> find(String text) {
        MessageHeader header = MessageHeader.read(text).orElse(null);
        if (header == null) {
            return Optional.empty();
        }
        char separator = header.fieldSeparator();
        int obx = 0;
        for (String segment : MessageHeader.split(text, '\r')) {
            if (!segment.startsWith("OBX")) {
                continue;
            }
            obx++;
            String[] fields = MessageHeader.split(segment, separator);
            boolean valueTypeEmpty = fields.length <= 2 || fields[2].isEmpty();
            boolean valuePresent = fields.length > 5 && !fields[5].isEmpty();
            if (valueTypeEmpty && valuePresent) {
                return Optional.of(Hl7Problem.error(ErrorCode.REQUIRED_FIELD_MISSING, ErrorLocation.field("OBX", obx, 2),
                        "OBX-2 value type is required when OBX-5 is valued"));
            }
        }
        return Optional.empty();
    }
}
