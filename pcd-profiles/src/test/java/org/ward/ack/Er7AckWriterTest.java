package org.ward.ack;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.ward.hl7.ErrorLocation;
import org.ward.hl7.ErrorSeverity;
import org.ward.hl7.Hl7Problem;
import org.ward.hl7.Hl7Reader;
import org.ward.hl7.MessageHeader;

/**
 * The direct ER7 writer against HAPI's model and PipeParser (the path AckFactory always took
 * before): for every header, code, problem list and profile below, either the writer declines or
 * both produce the same bytes.
 */
class Er7AckWriterTest {

    private static final AckFactory HAPI = new AckFactory(new Hl7Reader().context().getPipeParser(),
            new ControlIdGenerator("T"), Clock.systemUTC(), "WARD");

    private static final List<String> HEADERS = List.of(
            "MSH|^~\\&|MONITOR^ACDE48234567ABCD^EUI-64|ICU|WARD|HOSP|20260101120000+0100||ORU^R01^ORU_R01|MSG-42|P|2.6",
            "MSH|^~\\&|APP|FAC|||2026||ORU^R01|1|P|2.6||||||UNICODE UTF-8|||IHE_PCD_001^IHE PCD^1.3.6.1.4.1.19376.1.6.1.1.1^ISO",
            "MSH|^~\\&|A^^|B^|^C^|^^||2026||ORU^R01^ORU_R01|X|P^T|2.5.1^^|||AL|NE|",
            "MSH|^~\\&|||||2026||ORU|ID||",
            "MSH|^~\\&|||||2026||^R40^ORU_R01|",
            "MSH|^~\\&|A^B^C^D|F|R|RF|2026||ORU^R01|ID|P|2.6",
            "MSH|^~\\&|A&B|F|R|RF|2026||ORU^R01|ID|P|2.6",
            "MSH|^~\\&|A\\F\\B|F|R|RF|2026||ORU^R01|ID\\E\\1|P|2.6",
            "MSH|^~\\&|A~B|F~G|R|RF|2026||ORU^R01|ID~2|P~D|2.6~2.5||||||8859/1~UNICODE UTF-8",
            "MSH|^~\\&|APP|FAC|R|RF|2026||ORU^R0&1|ID&1|P|2&6",
            "MSH#*~\\&#APP*X#FAC#WARD#HOSP#2026##ORU*R01#ID-9#P#2.6",
            "MSH#*~\\&#APP^X#FAC|Y#WARD#HOSP#2026##ORU*R01#ID-9#P*T#2.6",
            "MSH|*~\\&|APP*X*Y|FAC|R*S|RF|2026||ORU*R01*ORU_R01|ID|P*T|2.6*X|||||UNICODE UTF-8",
            "MSH|^~\\&|APP|FAC|R|RF|2026||ORU^R01|ID|P|2.6^^|||NE|AL||8859/1^x",
            "MSH|^~\\&| A |FAC |R|RF|2026||ORU^ R01 |ID |P |2.6 ",
            "MSH|^~\\&|ÄPP|FÄC|R|RF|2026||ORU^R01|ÏD|P|2.6");

    private static final List<Optional<String>> PROFILES = List.of(Optional.empty(),
            Optional.of("IHE_PCD_001^IHE PCD^1.3.6.1.4.1.19376.1.6.1.1.1^ISO"), Optional.of("IHE PCD ORU-R01 2006"),
            Optional.of("A^B^C^D^E"), Optional.of("A&B"));

    private static final List<List<Hl7Problem>> PROBLEMS = List.of(List.of(),
            List.of(Hl7Problem.error(ErrorCode.TABLE_VALUE_NOT_FOUND, ErrorLocation.field("MSH", 1, 18),
                    "Character set in MSH-18 is not supported (HL7 table 0211)")),
            List.of(new Hl7Problem(ErrorCode.REQUIRED_FIELD_MISSING, ErrorSeverity.ERROR,
                            Optional.of(new ErrorLocation("OBX", 3, 18, 2, 1)), "OBX-18.1 required component missing"),
                    new Hl7Problem(ErrorCode.DATA_TYPE_ERROR, ErrorSeverity.WARNING,
                            Optional.of(new ErrorLocation("OBX", 4, 5, 1, 0)), "OBX-5 is longer than allowed"),
                    Hl7Problem.error(ErrorCode.SEGMENT_SEQUENCE_ERROR, ErrorLocation.segment("PID", 0), "PID segment required but missing"),
                    Hl7Problem.error(ErrorCode.APPLICATION_INTERNAL_ERROR, null, "Access refused")),
            List.of(Hl7Problem.error(ErrorCode.DATA_TYPE_ERROR, ErrorLocation.field("OBX", 2, 5),
                    "OBX-5 value does not match ^NM^ & ~ | \\ in text")));

    @Test
    void everyAckTheWriterProducesIsTheOneHapiWouldHaveProduced() throws IOException {
        List<Optional<MessageHeader>> headers = new ArrayList<>();
        headers.add(Optional.empty());
        HEADERS.forEach(h -> headers.add(Optional.of(MessageHeader.read(h).orElseThrow())));
        List<MessageHeader> samples = headersOfSampleMessages();
        samples.forEach(h -> headers.add(Optional.of(h)));
        int written = 0;
        List<String> samplesDeclined = new ArrayList<>();
        for (Optional<MessageHeader> header : headers) {
            for (AcknowledgmentCode code : AcknowledgmentCode.values()) {
                for (List<Hl7Problem> problems : PROBLEMS) {
                    for (Optional<String> profile : PROFILES) {
                        Er7AckWriter.AckContent content = new Er7AckWriter.AckContent(header, code, problems, profile,
                                "WARD", "20261122101530.123+0000", "W1-7");
                        Optional<String> direct = Er7AckWriter.write(content);
                        if (direct.isPresent()) {
                            assertThat(direct.get()).as("%s %s %s %s", header, code, problems, profile)
                                    .isEqualTo(HAPI.withHapi(content));
                            written++;
                        } else if (header.isPresent() && samples.contains(header.get()) && problems != PROBLEMS.get(3)
                                && PROFILES.indexOf(profile) < 3) {
                            samplesDeclined.add(header.get().controlId());
                        }
                    }
                }
            }
        }
        // The writer must carry the real messages' ACKs, not decline its way through this test.
        assertThat(samplesDeclined).as("sample messages whose ACK went to HAPI").isEmpty();
        assertThat(written).isGreaterThan(samples.size() * 2 * 3 * 3);
    }

    @Test
    void theUsualPcdAcknowledgmentIsWrittenDirectly() {
        MessageHeader inbound = MessageHeader.read("MSH|^~\\&|MONITOR^ACDE48234567ABCD^EUI-64|ICU|WARD|HOSP|"
                + "20260101120000+0100||ORU^R01^ORU_R01|MSG-42|P|2.6|||NE|AL||UNICODE UTF-8|||IHE_PCD_001^IHE PCD^"
                + "1.3.6.1.4.1.19376.1.6.1.1.1^ISO").orElseThrow();
        Optional<String> ack = Er7AckWriter.write(new Er7AckWriter.AckContent(Optional.of(inbound), AcknowledgmentCode.AA,
                List.of(), Optional.of("IHE_PCD_001^IHE PCD^1.3.6.1.4.1.19376.1.6.1.1.1^ISO"), "WARD",
                "20261122101530.123+0000", "W1-7"));
        assertThat(ack).contains("MSH|^~\\&|WARD|HOSP|MONITOR^ACDE48234567ABCD^EUI-64|ICU|20261122101530.123+0000||"
                + "ACK^R01^ACK|W1-7|P|2.6||||||UNICODE UTF-8|||IHE_PCD_001^IHE PCD^1.3.6.1.4.1.19376.1.6.1.1.1^ISO\r"
                + "MSA|AA|MSG-42\r");
    }

    /** HAPI's EncodingCharacters needs all four of MSH-2; with two it threw and the sender got no answer. */
    @Test
    void aHeaderWithTwoEncodingCharactersStillGetsAnAck() {
        MessageHeader inbound = MessageHeader.read("MSH|^~|APP|FAC|R|RF|2026||ORU^R01|ID|P|2.6").orElseThrow();
        Optional<String> ack = Er7AckWriter.write(new Er7AckWriter.AckContent(Optional.of(inbound), AcknowledgmentCode.AR,
                PROBLEMS.get(1), Optional.empty(), "WARD", "20261122101530.123+0000", "W1-7"));
        assertThat(ack).hasValueSatisfying(text -> assertThat(text)
                .startsWith("MSH|^~\\&|R|RF|APP|FAC|20261122101530.123+0000||ACK^R01^ACK|W1-7|P|2.6\rMSA|AR|ID\rERR||MSH^1^18^1|"));
    }

    @Test
    void aValueThatNeedsAnEscapeSequenceGoesToHapi() {
        Er7AckWriter.AckContent content = new Er7AckWriter.AckContent(Optional.empty(), AcknowledgmentCode.AE,
                PROBLEMS.get(3), Optional.empty(), "WARD", "20261122101530.123+0000", "W1-7");
        assertThat(Er7AckWriter.write(content)).isEmpty();
        assertThat(HAPI.withHapi(content)).contains("\\S\\NM\\S\\ \\T\\ \\R\\ \\F\\ \\E\\");
    }

    private static List<MessageHeader> headersOfSampleMessages() throws IOException {
        List<MessageHeader> found = new ArrayList<>();
        for (Path root : List.of(Path.of("../config/examples"), Path.of("../../shared/conformance/messages"),
                Path.of("src/test/resources"))) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".hl7")).toList()) {
                    MessageHeader.read(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
                            .ifPresent(found::add);
                }
            }
        }
        assertThat(found).as("sample messages found").hasSizeGreaterThan(10);
        return found;
    }
}
