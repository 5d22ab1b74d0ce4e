package org.ward.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ward.ack.ProcessingOutcome;
import org.ward.hl7.Hl7Problem;
import org.ward.hl7.Hl7Reader;
import org.ward.validation.PcdValidator;

/**
 * The hand-made PCD-03/04/05/10 messages (src/test/resources/pcd/README.md names the TF section
 * each follows) through the whole assessment: each valid one is recognised and accepted without
 * errors, each broken one is refused with the ERR its README predicts.
 */
class MessageAssessorTest {

    private static final Hl7Reader READER = new Hl7Reader();
    private static final MessageAssessor ASSESSOR = new MessageAssessor(READER,
            new TransactionRegistry(ProfileIdentifiers.defaults()), new PcdValidator()::validate);

    private static Assessment assess(String file) {
        return ASSESSOR.assess(PcdFixtures.read(file).getBytes(StandardCharsets.US_ASCII), StandardCharsets.UTF_8,
                EnumSet.allOf(PcdTransaction.class));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"pcd-03-valid.hl7, PCD_03", "pcd-04-valid.hl7, PCD_04", "pcd-05-valid.hl7, PCD_05",
            "pcd-10-valid.hl7, PCD_10"})
    void validMessagesAreRecognisedAndAccepted(String file, PcdTransaction transaction) {
        Assessment assessment = assess(file);
        assertThat(assessment.transaction()).contains(transaction);
        assertThat(assessment.verdict().problems()).as("problems").isEmpty();
        assertThat(assessment.verdict().outcome()).isEqualTo(ProcessingOutcome.ACCEPTED);
        assertThat(assessment.verdict().profile()).hasValueSatisfying(p -> assertThat(p).contains("1.3.6.1.4.1.19376.1.6"));
    }

    @ParameterizedTest(name = "{0}: {1} at {2}")
    @CsvSource({
            "pcd-03-broken.hl7, 101, RXG^1^4^1",
            "pcd-04-broken.hl7, 102, OBX^1^4^1",
            "pcd-05-broken.hl7, 103, OBX^1^3^1",
            "pcd-10-broken.hl7, 102, OBX^1^18^1"})
    void brokenMessagesGetTheErrTheirReadmePredicts(String file, int code, String location) {
        Assessment assessment = assess(file);
        assertThat(assessment.verdict().outcome()).isEqualTo(ProcessingOutcome.ERROR);
        assertThat(assessment.verdict().problems()).anySatisfy(problem -> {
            assertThat(problem.code().getCode()).isEqualTo(code);
            assertThat(erl(problem)).startsWith(location);
        });
    }

    private static String erl(Hl7Problem problem) {
        var l = problem.location().orElseThrow();
        return l.segment() + "^" + l.sequence() + "^" + l.field() + "^" + l.repetition()
                + (l.component() > 0 ? "^" + l.component() : "");
    }
}
