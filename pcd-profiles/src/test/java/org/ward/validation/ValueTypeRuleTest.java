package org.ward.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ward.validation.Messages.check;
import static org.ward.validation.Messages.summaries;

import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.util.Terser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValueTypeRuleTest {

    private final ValueTypeRule rule = new ValueTypeRule();

    private static Message obx(String valueType, String value) {
        return Messages.withObx(Messages.setField(Messages.setField(Messages.OBX, 2, valueType), 5, value));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "NM;120", "NM;-0.5", "NM;+37.", "NM;.5",
        "ST;Faster than a speeding bullet", "TX;any text",
        "CWE;8455155^MDC_HF_ACT_RUN^MDC", "CWE;1^sensor-strip-insertion(3)", "CE;123^x^L",
        "DTM;20091028123702", "DTM;20091028123702.5+0100", "TS;2009",
        "NA;12^123^24^12^234^55^66^77^88^99", "NA;1^^3",
        "SN;>^100", "SN;^1^:^2", "SN;^-3.5",
        "ED;^application^octet-stream^Base64^AAAA"})
    void acceptsValuesOfTheDeclaredType(String valueType, String value) {
        assertThat(check(rule, obx(valueType, value))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "NM;one-twenty", "NM;12 0", "NM;120^mmHg",
        "CWE;^only text", "DTM;yesterday", "DTM;2009-10-28", "DT;20091028120000", "TM;noon",
        "NA;12^x^3", "SN;about^100", "SN;>^lots"})
    void refusesValuesThatDoNotFitAsDataTypeErrorAtObx5(String valueType, String value) {
        var problems = check(rule, obx(valueType, value));
        assertThat(summaries(problems)).containsExactly("102 E OBX^1^5^1^0");
        assertThat(problems.get(0).text()).contains("OBX-5").doesNotContain(value);
    }

    @Test
    void observationWithoutValueNeedsNoValueType() {
        // MDS/VMD/channel OBX segments carry no OBX-5 (TF-2 Appendix A), so no OBX-2 either.
        assertThat(check(rule, obx("", ""))).isEmpty();
    }

    @Test
    void badSecondRepetitionIsReportedAtItsRepetition() {
        assertThat(summaries(check(rule, obx("NM", "1~x~3")))).containsExactly("102 E OBX^1^5^2^0");
    }

    @Test
    void valueWithoutValueTypeIsRequiredFieldMissingAtObx2() throws Exception {
        // HAPI's parser refuses OBX-5 without OBX-2, so the message is built by clearing OBX-2 after parsing.
        Message message = Messages.valid();
        Terser.set(MessageSegments.of(message).named("OBX").get(0).segment(), 2, 0, 1, 1, "");
        var problems = check(rule, message);
        assertThat(summaries(problems)).containsExactly("101 E OBX^1^2^1^0");
        assertThat(problems.get(0).text()).contains("OBX-2");
    }
}
