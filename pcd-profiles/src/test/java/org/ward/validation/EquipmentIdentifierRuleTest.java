package org.ward.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ward.validation.Messages.check;
import static org.ward.validation.Messages.summaries;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EquipmentIdentifierRuleTest {

    private final EquipmentIdentifierRule rule = new EquipmentIdentifierRule();

    @ParameterizedTest
    @ValueSource(strings = {
        "0123456789ABCDEF^EUI-64",                        // PCD short form (TF, Continua)
        "0123456789abcdef^EUI64",                         // HL7 v2.7 table 0301 spelling
        "1305815835^123254BCD^0123456789ABCDEF^EUI-64",   // full EI, EUI-64 as universal ID (IPF)
        "0123456789ABCDEF^EUI-64~1305816209^254BDG^0123456789ABCDEF^EUI-64",
        ""})
    void acceptsEui64Identifiers(String obx18) {
        assertThat(check(rule, Messages.withObxField(18, obx18))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "0123456789ABCDEF^ACME",                          // no EUI-64 scheme named
        "0123456789ABCDE^EUI-64",                         // 15 hex digits
        "0123456789ABCDEG^EUI-64",                        // not hex
        "SERIAL1^^ACDE48234567^EUI-64",                   // universal ID typed EUI-64 but 12 digits
        "080019FFFE0B4020^B40_GE"})
    void refusesOtherIdentifiersAsDataTypeError(String obx18) {
        var problems = check(rule, Messages.withObxField(18, obx18));
        assertThat(summaries(problems)).containsExactly("102 E OBX^1^18^1^0");
        assertThat(problems.get(0).text()).contains("OBX-18").contains("EUI-64");
    }

    @Test
    void reportsEachBadRepetitionAtItsRepetition() {
        var problems = check(rule, Messages.withObxField(18, "0123456789ABCDEF^EUI-64~bad^EUI-64~alsobad"));
        assertThat(summaries(problems)).containsExactly("102 E OBX^1^18^2^0", "102 E OBX^1^18^3^0");
    }
}
