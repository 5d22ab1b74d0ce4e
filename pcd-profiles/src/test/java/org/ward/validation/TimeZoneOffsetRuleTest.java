package org.ward.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ward.validation.Messages.check;
import static org.ward.validation.Messages.summaries;

import org.junit.jupiter.api.Test;

class TimeZoneOffsetRuleTest {

    private final TimeZoneOffsetRule rule = new TimeZoneOffsetRule();

    @Test
    void acceptsTimestampsWithOffsets() {
        String obr = Messages.setField(Messages.OBR, 8, "20090813105715.1234-0800");
        assertThat(check(rule, Messages.parse(Messages.MSH, Messages.PID, obr, Messages.OBX))).isEmpty();
    }

    @Test
    void emptyOptionalTimestampsAreNotChecked() {
        assertThat(check(rule, Messages.withObxField(14, ""))).isEmpty();
    }

    @Test
    void msh7WithoutOffsetIsDataTypeError() {
        var problems = check(rule, Messages.parse(Messages.setField(Messages.MSH, 7, "20090713090030"),
                Messages.PID, Messages.OBR, Messages.OBX));
        assertThat(summaries(problems)).containsExactly("102 E MSH^1^7^1^0");
        assertThat(problems.get(0).text()).contains("MSH-7").contains("time zone");
    }

    @Test
    void eachTimestampWithoutOffsetIsOneProblemInMessageOrder() {
        String obr = Messages.setField(Messages.setField(Messages.OBR, 7, "200908130957"), 8, "20090813");
        var problems = check(rule, Messages.parse(Messages.MSH, Messages.PID, obr,
                Messages.setField(Messages.OBX, 14, "20090813095715")));
        assertThat(summaries(problems))
                .containsExactly("102 E OBR^1^7^1^0", "102 E OBR^1^8^1^0", "102 E OBX^1^14^1^0");
    }

    @Test
    void aValueThatIsNoTimestampAtAllIsRefusedToo() {
        assertThat(summaries(check(rule, Messages.withObxField(14, "2009-08-13T09:57+05:00"))))
                .containsExactly("102 E OBX^1^14^1^0");
    }
}
