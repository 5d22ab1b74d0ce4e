package org.ward.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ward.validation.Messages.check;
import static org.ward.validation.Messages.summaries;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ContainmentSubIdRuleTest {

    private final ContainmentSubIdRule rule = new ContainmentSubIdRule(true);

    @ParameterizedTest
    @ValueSource(strings = {"1.0.1.1", "1", "1.0.1", "0.0.0.1", "1.0.0.2.1", "1.13.2.0"})
    void acceptsDottedContainment(String subId) {
        assertThat(check(rule, Messages.withObxField(4, subId))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.a.1.1", "1..1", "-1.0.0.1", "1.0.1.", "A1", "1 0 1 1"})
    void refusesAnythingElseAsDataTypeError(String subId) {
        var problems = check(rule, Messages.withObxField(4, subId));
        assertThat(summaries(problems)).containsExactly("102 E OBX^1^4^1^0");
        assertThat(problems.get(0).text()).contains("OBX-4").doesNotContain(subId);
    }

    @Test
    void emptyObx4IsRequiredFieldMissing() {
        assertThat(summaries(check(rule, Messages.withObxField(4, "")))).containsExactly("101 E OBX^1^4^1^0");
    }

    @Test
    void whereObx4IsReAnEmptyOneIsFineButAMalformedOneIsNot() {
        ContainmentSubIdRule optional = new ContainmentSubIdRule(false);
        assertThat(check(optional, Messages.withObxField(4, ""))).isEmpty();
        assertThat(summaries(check(optional, Messages.withObxField(4, "1/2")))).containsExactly("102 E OBX^1^4^1^0");
    }
}
