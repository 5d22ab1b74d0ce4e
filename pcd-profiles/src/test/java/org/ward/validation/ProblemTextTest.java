package org.ward.validation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.model.Message;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ward.hl7.Hl7Problem;
import org.ward.profile.PcdTransaction;

/** Problem texts go into ACKs and logs: they must never carry message content (PHI). */
class ProblemTextTest {

    private static final PcdValidator VALIDATOR = new PcdValidator();

    /** Spec vocabulary (scheme, coding system, message type, HL7 and its version) texts may share with a message. */
    private static final Set<String> VOCABULARY = Set.of("EUI-64", "MDC", "ACK", "HL7", "2.6");

    /** Every field, component and subcomponent value of the message, except segment IDs. */
    private static Set<String> values(String text) {
        return Arrays.stream(text.split("[\r\n]+"))
                .filter(segment -> segment.length() > 4)
                .flatMap(segment -> Arrays.stream(segment.substring(4).split("[|^~&\\\\]")))
                .map(String::trim)
                .filter(value -> value.length() >= 3)
                .filter(value -> !VOCABULARY.contains(value))
                .collect(Collectors.toSet());
    }

    private static void assertNoValueIn(List<Hl7Problem> problems, String message) {
        Set<String> values = values(message);
        for (Hl7Problem problem : problems) {
            for (String value : values) {
                assertThat(problem.text()).as("text of %s", Messages.summary(problem)).doesNotContain(value);
            }
        }
    }

    @Test
    void messageFullOfViolationsYieldsTextsWithoutItsValues() {
        String text = String.join("\r",
                Messages.setField(Messages.setField(Messages.MSH, 7, "20240101"), 10, "Quirinus-Zyxwvut-4711-control-id"),
                "PID|||PHI-4711^^^Clinic Quirinus^PI||Zyxwvut^Quirinus^Q|||M",
                Messages.OBR,
                "OBX|1|NM|8480-6^Quirinus systolic^LN|Quirinus|Quirinus-value|||||Quirinus|Qx|||Quirinus-time"
                        + "||||Quirinus-device^Quirinus-scheme",
                "OBX|2|CWE|150021^MDC_PRESS^MDC|1.0.1.2|^Quirinus free text||||||R");
        List<Hl7Problem> problems = VALIDATOR.validate(PcdTransaction.PCD_01, Messages.parse(text));
        assertThat(problems).hasSizeGreaterThanOrEqualTo(8);
        assertNoValueIn(problems, text);
        assertThat(problems).allSatisfy(p -> assertThat(p.text()).doesNotContain("Quirinus", "Zyxwvut", "4711"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "ipf-valid-pcd01-request2.hl7v2",
        "continua-valid-bp-continua-wan.hl7v2",
        "continua-valid-scale-continua-wan.hl7v2",
        "continua-invalid-wan-response.hl7v2",
        "ipf-camel-pcd01-response-invalid.hl7"})
    void corpusProblemTextsCarryNoMessageValues(String file) {
        byte[] payload = CorpusValidationTest.corpusFile(file);
        Message message = Messages.parse(payload);
        List<Hl7Problem> problems = file.contains("response")
                ? VALIDATOR.validateAck(message)
                : VALIDATOR.validate(PcdTransaction.PCD_01, message);
        assertThat(problems).isNotEmpty();
        assertNoValueIn(problems, new String(payload, StandardCharsets.UTF_8));
    }
}
