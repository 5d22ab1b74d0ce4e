package org.ward.ack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ward.hl7.ErrorSeverity;
import org.ward.hl7.Hl7Problem;
import org.ward.hl7.Hl7Reader;
import org.ward.hl7.ReadOutcome;
import org.ward.profile.Assessment;
import org.ward.profile.MessageAssessor;
import org.ward.profile.PcdTransaction;
import org.ward.profile.ProfileIdentifiers;
import org.ward.profile.TransactionRegistry;
import org.ward.validation.PcdValidator;

/**
 * Every acknowledgment Ward sends for a valid PCD-01, in every MSH-15/16 combination that yields
 * one, conforms to the IHE Gazelle PCD-01 ACK profile (1.3.6.1.4.12559.11.1.1.113): no problem of
 * ERROR severity.
 */
class AckConformanceTest {

    private static final Hl7Reader READER = new Hl7Reader();
    private static final PcdValidator VALIDATOR = new PcdValidator();
    private static final MessageAssessor ASSESSOR = new MessageAssessor(READER,
            new TransactionRegistry(ProfileIdentifiers.defaults()), VALIDATOR::validate);
    private static final AckFactory ACKS = new AckFactory(READER.context().getPipeParser(), new ControlIdGenerator(),
            Clock.systemUTC(), "WARD");

    @ParameterizedTest(name = "{0} with MSH-15={1} MSH-16={2}")
    @CsvSource({
            "ipf-valid-pcd01-request.hl7v2, NE, AL",
            "ipf-valid-pcd01-request.hl7v2, AL, NE",
            "ipf-valid-pcd01-request.hl7v2, AL, AL",
            "ipf-valid-pcd01-request.hl7v2, SU, SU",
            "ipf-camel-pcd01-request.hl7, NE, AL",
            "ipf-valid-pcd01-MaximumRequest2.hl7, NE, AL",
            "ipf-valid-pcd01-MaximumRequest2.hl7, AL, AL"})
    void everyAckForAValidPcd01ConformsToTheGazelleAckProfile(String file, String msh15, String msh16) throws IOException {
        String message = withAckTypes(read(file), msh15, msh16);
        Assessment assessment = ASSESSOR.assess(message.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8,
                EnumSet.allOf(PcdTransaction.class));
        assertThat(assessment.verdict().outcome()).as(assessment.verdict().toString()).isEqualTo(ProcessingOutcome.ACCEPTED);

        List<String> acks = ACKS.respond(assessment.header(), assessment.verdict());
        assertThat(acks).isNotEmpty();
        for (String ack : acks) {
            ReadOutcome parsed = READER.read(ack.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            assertThat(parsed).as(ack).isInstanceOf(ReadOutcome.Parsed.class);
            List<Hl7Problem> errors = VALIDATOR.validateAck(((ReadOutcome.Parsed) parsed).message()).stream()
                    .filter(p -> p.severity() == ErrorSeverity.ERROR || p.severity() == ErrorSeverity.FATAL)
                    .toList();
            assertThat(errors).as(ack.replace('\r', '\n')).isEmpty();
        }
    }

    private static String read(String file) throws IOException {
        try (InputStream in = AckConformanceTest.class.getResourceAsStream("/pcd-01/" + file)) {
            assertThat(in).as(file).isNotNull();
            String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return text.replace("\r\n", "\r").replace('\n', '\r');
        }
    }

    /** The message with MSH-15 and MSH-16 replaced. */
    private static String withAckTypes(String message, String msh15, String msh16) {
        int end = message.indexOf('\r');
        String[] fields = message.substring(0, end).split("\\|", -1);
        fields[14] = msh15;
        fields[15] = msh16;
        return String.join("|", fields) + message.substring(end);
    }
}
