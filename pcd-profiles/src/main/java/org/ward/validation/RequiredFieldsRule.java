package org.ward.validation;

import ca.uhn.hl7v2.ErrorCode;
import java.util.List;
import java.util.Map;
import org.ward.hl7.ErrorLocation;
import org.ward.hl7.Hl7Problem;

/**
 * Fields that must be valued in every occurrence of their segment, for transactions that have no
 * Gazelle conformance profile (PCD-03/04/05/10). Each table cites where the requirement comes
 * from; an empty required field is a 101 at that field, ERROR.
 */
final class RequiredFieldsRule implements PcdRule {

    /**
     * PCD-03 (RGV^O15): TF-2 §3.3.4.4.5 Table 3.3.4.4.5-1 with HL7 v2.6 §4A.4.6: RXG-1 Give Sub-ID
     * Counter, RXG-4 Give Code, RXG-5 Give Amount, RXG-7 Give Units are R; HL7 v2.6 §4.5.1.1:
     * ORC-1 Order Control is R.
     */
    static final Map<String, List<Integer>> INFUSION_ORDER = Map.of(
            "RXG", List.of(1, 4, 5, 7),
            "ORC", List.of(1));

    /**
     * Observation transactions (PCD-04/05/10): HL7 v2.6 §7.4.1.4 OBR-4 Universal Service
     * Identifier and §7.4.2.11 OBX-11 Observation Result Status are R (TF-2 Appendix B.7/B.8 keep
     * them R).
     */
    static final Map<String, List<Integer>> OBSERVATIONS = Map.of(
            "OBR", List.of(4),
            "OBX", List.of(11));

    private final Map<String, List<Integer>> required;
    private final String source;

    /**
     * @param required segment id → field numbers that must be valued
     * @param source   where the requirement is written, for the ERR text
     */
    RequiredFieldsRule(Map<String, List<Integer>> required, String source) {
        this.required = Map.copyOf(required);
        this.source = source;
    }

    @Override
    public void check(MessageView message, List<Hl7Problem> out) {
        required.forEach((segment, fields) -> {
            for (SegmentView entry : message.named(segment)) {
                for (int field : fields) {
                    if (!entry.valued(field, 1)) {
                        out.add(Hl7Problem.error(ErrorCode.REQUIRED_FIELD_MISSING,
                                ErrorLocation.field(segment, entry.sequence(), field),
                                segment + "-" + field + " is required (" + source + ")"));
                    }
                }
            }
        });
    }
}
