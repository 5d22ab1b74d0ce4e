package org.ward.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ward.validation.Messages.summaries;

import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.util.Terser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ward.hl7.Hl7Reader;
import org.ward.hl7.ReadOutcome;
import org.ward.profile.PcdTransaction;

/**
 * The public PCD-01 corpus (src/test/resources/pcd-01, see PROVENANCE.md) and exactly what Ward
 * reports for each file. MSH-21 OIDs (the Continua placeholder 2.16.840.1.113883.9.n.m) are not
 * judged here: matching MSH-21 to a transaction is configuration, done before validation.
 */
class CorpusValidationTest {

    private static final PcdValidator VALIDATOR = new PcdValidator();

    static byte[] corpusFile(String name) {
        try (InputStream in = CorpusValidationTest.class.getResourceAsStream("/pcd-01/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing corpus file " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Arguments> requests() {
        return Stream.of(
                // IPF's reference PCD-01 messages: conformant.
                Arguments.of("ipf-valid-pcd01-request.hl7v2", List.of()),
                Arguments.of("ipf-camel-pcd01-request.hl7", List.of()),
                // Every optional segment and field IPF could fill (PV1, NTE, OBX-18 full EI with the EUI-64 as
                // universal ID, OBX-11 C/D/F/P/S/U/X): conformant.
                Arguments.of("ipf-valid-pcd01-MaximumRequest2.hl7", List.of()),
                // A 2008 gateway sample: MSH-7 and OBR-7 lack the time zone offset the TF requires (TF-2 B.1,
                // B.4) -> ERROR; MSH-10 (34 characters) and the OBR-2/OBR-3 entity IDs (30) exceed the profile's
                // HL7 v2.5 lengths (20, 16) -> WARNING only.
                Arguments.of("ipf-valid-pcd01-request2.hl7v2", List.of(
                        "102 E MSH^1^7^1^0", "102 W MSH^1^10^1^0", "102 W OBR^1^2^1^1", "102 W OBR^1^3^1^1",
                        "102 E OBR^1^7^1^0")),
                // Continua WAN samples: conformant once the Gazelle length limits the TF itself exceeds are
                // set aside (OBX-2 "CWE"/"DTM", see ProfileConformanceCheck).
                Arguments.of("continua-valid-fitness-and-activity-continua-wan.hl7v2", List.of()),
                Arguments.of("continua-valid-fitness-continua-wan.hl7v2", List.of()),
                Arguments.of("continua-valid-glucose-continua-wan.hl7v2", List.of()),
                Arguments.of("continua-valid-oximeter-continua-wan.hl7v2", List.of()),
                Arguments.of("continua-valid-thermometer-continua-wan.hl7v2", List.of()),
                // "valid" in the corpus, but the MDC_TIME_SYNC_PROTOCOL OBX is one field short: its "R" lands
                // in OBX-10 and OBX-11 (result status, required by HL7 v2.6 and the profile) is empty. A
                // genuine error, reported by the profile.
                Arguments.of("continua-valid-bp-continua-wan.hl7v2", List.of("101 E OBX^1^11^1^0")),
                // Same defect in both OBR groups; the second is the 7th OBX of the message.
                Arguments.of("continua-valid-scale-continua-wan.hl7v2",
                        List.of("101 E OBX^1^11^1^0", "101 E OBX^7^11^1^0")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void pcd01Request(String file, List<String> expected) {
        Message message = Messages.parse(corpusFile(file));
        assertThat(summaries(VALIDATOR.validate(PcdTransaction.PCD_01, message))).isEqualTo(expected);
    }

    static Stream<Arguments> acknowledgements() {
        return Stream.of(
                Arguments.of("ipf-valid-pcd01-response.hl7v2", List.of()),
                Arguments.of("ipf-valid-pcd01-response2.hl7v2", List.of()),
                Arguments.of("ipf-camel-pcd01-response.hl7", List.of()),
                // No MSH-21 (required by the ACK profile); MSA-3 is usage X in it (deprecated in v2.6).
                // The file's other defect, version 2.5 in MSH-12, is not a profile matter.
                Arguments.of("ipf-camel-pcd01-response-invalid.hl7", List.of("101 E MSH^1^21^1^0", "102 W MSA^1^3^1^0")),
                // Continua acknowledges with ACK^A01: the trigger event must echo R01.
                Arguments.of("continua-valid-wan-response.hl7v2", List.of("201 E MSH^1^9^1^2", "102 W MSA^1^3^1^0")),
                Arguments.of("continua-invalid-wan-response.hl7v2",
                        List.of("201 E MSH^1^9^1^2", "101 E MSH^1^21^1^0", "102 W MSA^1^3^1^0")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acknowledgements")
    void pcd01Acknowledgement(String file, List<String> expected) {
        Message ack = Messages.parse(corpusFile(file));
        assertThat(summaries(VALIDATOR.validateAck(ack))).isEqualTo(expected);
    }

    @Test
    void invalidGlucoseIsRefusedAlreadyByTheReader() {
        // OBX-8..10 carry OBX-5 values but no OBX-2. HAPI cannot type OBX-5 without OBX-2, so Hl7Reader
        // refuses the message (101) before validation sees it.
        ReadOutcome outcome = new Hl7Reader().read(corpusFile("continua-invalid-glucose-continua-wan.hl7v2"),
                StandardCharsets.UTF_8);
        assertThat(outcome).isInstanceOf(ReadOutcome.Unreadable.class);
        assertThat(((ReadOutcome.Unreadable) outcome).problem().code()).isEqualTo(ErrorCode.REQUIRED_FIELD_MISSING);
    }

    @Test
    void invalidGlucoseWouldBePinpointedByTheValidator() throws Exception {
        // The same content with OBX-2 present for parsing and then cleared: the validator names each OBX.
        String text = new String(corpusFile("continua-invalid-glucose-continua-wan.hl7v2"), StandardCharsets.UTF_8);
        String typed = text.replace("OBX|8||", "OBX|8|CWE|").replace("OBX|9||", "OBX|9|CWE|")
                .replace("OBX|10||", "OBX|10|CWE|");
        Message message = Messages.parse(typed.getBytes(StandardCharsets.UTF_8));
        List<MessageSegments.Entry> obx = MessageSegments.of(message).named("OBX");
        for (int sequence = 8; sequence <= 10; sequence++) {
            Terser.set(obx.get(sequence - 1).segment(), 2, 0, 1, 1, "");
        }
        assertThat(summaries(VALIDATOR.validate(PcdTransaction.PCD_01, message)))
                .containsExactly("101 E OBX^8^2^1^0", "101 E OBX^9^2^1^0", "101 E OBX^10^2^1^0");
    }
}
