package org.ward.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ward.validation.Messages.summaries;

import ca.uhn.hl7v2.model.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.ward.hl7.Hl7Problem;
import org.ward.profile.PcdTransaction;

class PcdValidatorTest {

    private static final PcdValidator VALIDATOR = new PcdValidator();
    private static final ExecutorService POOL = Executors.newFixedThreadPool(4);

    @AfterAll
    static void stopPool() {
        POOL.shutdownNow();
    }

    private static List<Hl7Problem> pcd01(Message message) {
        return VALIDATOR.validate(PcdTransaction.PCD_01, message);
    }

    @Test
    void conformantPcd01HasNoProblems() {
        assertThat(pcd01(Messages.valid())).isEmpty();
    }

    @Test
    void profileRequiredFieldMissing() {
        var problems = pcd01(Messages.withObxField(11, ""));
        assertThat(summaries(problems)).containsExactly("101 E OBX^1^11^1^0");
        assertThat(problems.get(0).text()).isEqualTo("OBX-11 required field missing (IHE PCD-01 profile)");
    }

    @Test
    void profileRequiresMsh21() {
        var problems = pcd01(Messages.parse(Messages.setField(Messages.MSH, 21, ""), Messages.PID, Messages.OBR,
                Messages.OBX));
        assertThat(summaries(problems)).containsExactly("101 E MSH^1^21^1^0");
    }

    @Test
    void closedHl7TablesAreChecked() {
        var problems = pcd01(Messages.parse(Messages.setField(Messages.MSH, 15, "XX"), Messages.PID, Messages.OBR,
                Messages.setField(Messages.OBX, 11, "Q")));
        assertThat(summaries(problems)).containsExactly("103 E MSH^1^15^1^0", "103 E OBX^1^11^1^0");
        assertThat(problems.get(0).text()).isEqualTo("MSH-15 value not found in HL7 table 0155 (IHE PCD-01 profile)");
        assertThat(problems.get(1).text()).contains("table 0085");
    }

    @Test
    void tablesWardDoesNotKnowAreNotChecked() {
        // PV1-2 is bound to HL7 table 0004 and OBX-8 to 0078, which the TF extends: never an error.
        var problems = pcd01(Messages.parse(Messages.MSH, Messages.PID, "PV1||Z", Messages.OBR,
                Messages.setField(Messages.OBX, 8, "PH")));
        assertThat(problems).isEmpty();
    }

    @Test
    void unsupportedElementIsOnlyAWarning() {
        // OBX-9 probability is usage X in the PCD-01 profile.
        var problems = pcd01(Messages.withObxField(9, "0.5"));
        assertThat(summaries(problems)).containsExactly("102 W OBX^1^9^1^0");
        assertThat(problems.get(0).text()).contains("not supported");
    }

    @Test
    void overlongFieldIsOnlyAWarning() {
        var problems = pcd01(Messages.parse(Messages.setField(Messages.MSH, 10, "X".repeat(34)), Messages.PID,
                Messages.OBR, Messages.OBX));
        assertThat(summaries(problems)).containsExactly("102 W MSH^1^10^1^0");
    }

    @Test
    void tfMandatedValuesBeyondGazelleLengthsAreNotReported() {
        // MSH-21.1 "IHE PCD ORU-R01 2006" (20 > 16) and OBX-2 "CWE" (3 > 2), both as the TF requires.
        var problems = pcd01(Messages.withObx(Messages.setField(Messages.setField(Messages.OBX, 2, "CWE"), 5,
                "532224^MDC_TIME_SYNC_NONE^MDC")));
        assertThat(problems).isEmpty();
    }

    @Test
    void wrongTriggerEventIsUnsupportedEventCode() {
        var problems = pcd01(Messages.parse(Messages.setField(Messages.MSH, 9, "ORU^R30^ORU_R01"), Messages.PID,
                Messages.OBR, Messages.OBX));
        assertThat(summaries(problems)).containsExactly("201 E MSH^1^9^1^2");
    }

    @Test
    void tfRuleAndProfileReportingTheSameFieldGiveOneProblem() {
        var problems = pcd01(Messages.parse(Messages.setField(Messages.MSH, 16, ""), Messages.PID, Messages.OBR,
                Messages.OBX));
        assertThat(summaries(problems)).containsExactly("101 E MSH^1^16^1^0");
        assertThat(problems.get(0).text()).contains("TF-2 B.1");
    }

    @Test
    void severalViolationsComeBackOneEachInMessageOrder() {
        String obx2 = "OBX|2|NM|8480-6^Systolic^LN|1.0.1.2|abc||||||R|||20090813095715||||0123^EUI-64";
        var problems = pcd01(Messages.parse(Messages.setField(Messages.MSH, 7, "20090713090030"), Messages.PID,
                Messages.OBR, Messages.setField(Messages.OBX, 11, ""), obx2));
        assertThat(summaries(problems)).containsExactly(
                "102 E MSH^1^7^1^0",
                "101 E OBX^1^11^1^0",
                "103 E OBX^2^3^1^0",
                "102 E OBX^2^5^1^0",
                "102 E OBX^2^14^1^0",
                "102 E OBX^2^18^1^0");
    }

    @Test
    void obxRulesApplyToOtherTransactionsWithoutThePcd01Profile() {
        // No Gazelle profile for PCD-04: the TF rules apply, and the HL7 v2.6 §7.4.2.11 required
        // OBX-11 comes from RequiredFieldsRule.OBSERVATIONS instead of the profile.
        Message alert = Messages.parse(Messages.setField(Messages.MSH, 9, "ORU^R40^ORU_R40"), Messages.PID,
                Messages.OBR, "OBX|1|ST|196670^MDC_EVT_LO^MDC|1.0.0.0.1|low||||||||20090813095715+0500",
                "OBX|2|ST|68481^MDCX_ATTR_EVENT_PHASE^MDC|1.0.0.0.x|start");
        assertThat(summaries(VALIDATOR.validate(PcdTransaction.PCD_04, alert)))
                .containsExactly("101 E OBX^1^11^1^0", "102 E OBX^2^4^1^0", "101 E OBX^2^11^1^0");
    }

    @Test
    void wardStyleAckConformsToTheAckProfile() {
        Message ack = Messages.parse("MSH|^~\\&|Ward|||ACDE48234567ABCD|20090726095731+0500||ACK^R01^ACK|W1|P|2.6"
                        + "|||NE|NE|||||IHE PCD ORU-R01 2006^HL7^1.3.6.1.4.1.19376.1.6.1.1.1^ISO",
                "MSA|AA|MSGID1234");
        assertThat(VALIDATOR.validateAck(ack)).isEmpty();
    }

    @Test
    void ackWithUnknownAcknowledgementCodeIsRefused() {
        Message ack = Messages.parse("MSH|^~\\&|Ward|||ACDE48234567ABCD|20090726095731+0500||ACK^R01^ACK|W1|P|2.6"
                        + "|||NE|NE|||||IHE PCD ORU-R01 2006^HL7^1.3.6.1.4.1.19376.1.6.1.1.1^ISO",
                "MSA|OK|MSGID1234");
        assertThat(summaries(VALIDATOR.validateAck(ack))).containsExactly("103 E MSA^1^1^1^0");
    }

    @Test
    void oneValidatorServesManyThreads() throws Exception {
        Message bad = Messages.withObxField(4, "x");
        List<String> expected = summaries(pcd01(bad));
        List<Future<List<String>>> results = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Message message = i % 2 == 0 ? Messages.withObxField(4, "x") : Messages.valid();
            results.add(POOL.submit(() -> summaries(pcd01(message))));
        }
        for (int i = 0; i < results.size(); i++) {
            assertThat(results.get(i).get()).isEqualTo(i % 2 == 0 ? expected : List.of());
        }
    }
}
