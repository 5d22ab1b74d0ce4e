package org.ward.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ward.validation.Messages.check;
import static org.ward.validation.Messages.summaries;

import org.junit.jupiter.api.Test;

class AcknowledgementTypesRuleTest {

    private final AcknowledgementTypesRule rule = new AcknowledgementTypesRule();

    @Test
    void acceptsBothAcknowledgementTypes() {
        assertThat(check(rule, Messages.valid())).isEmpty();
    }

    @Test
    void missingMsh15IsRequiredFieldMissing() {
        var problems = check(rule, Messages.parse(Messages.setField(Messages.MSH, 15, ""), Messages.PID,
                Messages.OBR, Messages.OBX));
        assertThat(summaries(problems)).containsExactly("101 E MSH^1^15^1^0");
        assertThat(problems.get(0).text()).contains("MSH-15").contains("TF-2 B.1");
    }

    @Test
    void bothMissingAreTwoProblems() {
        String msh = Messages.setField(Messages.setField(Messages.MSH, 15, ""), 16, "");
        var problems = check(rule, Messages.parse(msh, Messages.PID, Messages.OBR, Messages.OBX));
        assertThat(summaries(problems)).containsExactly("101 E MSH^1^15^1^0", "101 E MSH^1^16^1^0");
    }
}
