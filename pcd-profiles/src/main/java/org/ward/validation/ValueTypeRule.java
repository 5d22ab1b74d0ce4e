package org.ward.validation;

import ca.uhn.hl7v2.ErrorCode;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.ward.hl7.ErrorLocation;
import org.ward.hl7.Hl7Problem;

/**
 * IHE PCD TF-2 B.8 (OBX-2, OBX-5) and HL7 v2.6 §7.4.2.2: OBX-2 states the data type of OBX-5 and
 * must be valued whenever OBX-5 is (condition predicate of OBX-2). OBX-5 valued with OBX-2 empty →
 * 101 at OBX-2; an OBX-5 repetition that does not fit its declared type (see
 * {@link ObservationValueFormat}) → 102 at that OBX-5 repetition. Both ERROR.
 *
 * <p>HAPI's parser itself refuses OBX-5 without OBX-2, so the first case only shows up in messages
 * built or parsed in other ways; it is kept so the rule does not depend on the parser's strictness.
 */
final class ValueTypeRule implements PcdRule {

    private static final Pattern DEFAULT_COMPONENT_SPLIT = Pattern.compile(Pattern.quote("^"));

    @Override
    public void check(MessageView message, List<Hl7Problem> out) {
        Pattern componentSplit = message.componentSeparator() == '^' ? DEFAULT_COMPONENT_SPLIT
                : Pattern.compile(Pattern.quote(String.valueOf(message.componentSeparator())));
        for (SegmentView obx : message.named("OBX")) {
            String valueType = obx.component(2, 1, 1);
            int reps = obx.repetitions(5);
            boolean valued = false;
            for (int rep = 1; rep <= reps && !valued; rep++) {
                valued = !obx.encoded(5, rep).isEmpty();
            }
            if (!valued) {
                continue;
            }
            if (valueType.isEmpty()) {
                out.add(Hl7Problem.error(ErrorCode.REQUIRED_FIELD_MISSING, ErrorLocation.field("OBX", obx.sequence(), 2),
                        "OBX-2 value type is required when OBX-5 is valued (HL7 v2.6 7.4.2.2, IHE PCD TF-2 B.8)"));
                continue;
            }
            Optional<ObservationValueFormat> format = ObservationValueFormat.of(valueType);
            if (format.isEmpty()) {
                continue;
            }
            for (int rep = 1; rep <= reps; rep++) {
                String value = obx.encoded(5, rep);
                if (!value.isEmpty() && !format.get().accepts(Arrays.asList(componentSplit.split(value, -1)))) {
                    out.add(Hl7Problem.error(ErrorCode.DATA_TYPE_ERROR,
                            new ErrorLocation("OBX", obx.sequence(), 5, rep, 0),
                            "OBX-5 does not match the value type declared in OBX-2 (HL7 v2.6 7.4.2.5,"
                                    + " IHE PCD TF-2 B.8)"));
                }
            }
        }
    }
}
