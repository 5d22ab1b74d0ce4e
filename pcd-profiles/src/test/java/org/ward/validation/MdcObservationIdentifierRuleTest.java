package org.ward.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ward.validation.Messages.check;
import static org.ward.validation.Messages.summaries;

import org.junit.jupiter.api.Test;

class MdcObservationIdentifierRuleTest {

    private final MdcObservationIdentifierRule rule = new MdcObservationIdentifierRule();

    @Test
    void acceptsMdcTerm() {
        assertThat(check(rule, Messages.valid())).isEmpty();
    }

    @Test
    void acceptsProvisionalMdcxTermAndLocalAlternate() {
        assertThat(check(rule, Messages.withObxField(3, "68481^MDCX_ATTR_EVENT_PHASE^MDC^X1^Phase^L"))).isEmpty();
    }

    @Test
    void loincInsteadOfMdcIsTableValueNotFound() {
        var problems = check(rule, Messages.withObxField(3, "8480-6^Systolic blood pressure^LN"));
        assertThat(summaries(problems)).containsExactly("103 E OBX^1^3^1^0");
        assertThat(problems.get(0).text()).contains("MDC").contains("TF-2 B.8");
    }

    @Test
    void nonNumericCodeOrWrongSystemIsRefused() {
        assertThat(summaries(check(rule, Messages.withObxField(3, "ABC^MDC_PRESS_BLD_NONINV_SYS^MDC"))))
                .containsExactly("103 E OBX^1^3^1^0");
        assertThat(summaries(check(rule, Messages.withObxField(3, "150021^MDC_PRESS_BLD_NONINV_SYS^99MDC"))))
                .containsExactly("103 E OBX^1^3^1^0");
        assertThat(summaries(check(rule, Messages.withObxField(3, "150021^PRESS_BLD_NONINV_SYS^MDC"))))
                .containsExactly("103 E OBX^1^3^1^0");
    }

    @Test
    void emptyObx3IsRequiredFieldMissing() {
        assertThat(summaries(check(rule, Messages.withObxField(3, "")))).containsExactly("101 E OBX^1^3^1^0");
    }

    @Test
    void reportsTheSecondObxByItsSequence() {
        var problems = check(rule, Messages.withObx(Messages.OBX,
                Messages.setField(Messages.setField(Messages.OBX, 1, "2"), 3, "1234^local^L")));
        assertThat(summaries(problems)).containsExactly("103 E OBX^2^3^1^0");
    }
}
