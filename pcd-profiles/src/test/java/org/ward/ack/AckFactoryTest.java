package org.ward.ack;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.ErrorCode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ward.hl7.ErrorLocation;
import org.ward.hl7.Hl7Problem;
import org.ward.hl7.Hl7Reader;
import org.ward.hl7.MessageHeader;

class AckFactoryTest {

    private final Hl7Reader reader = new Hl7Reader();
    private final AckFactory acks = new AckFactory(reader.context().getPipeParser(), new ControlIdGenerator("T"),
            Clock.fixed(Instant.parse("2026-11-22T10:15:30.123Z"), ZoneOffset.UTC), "WARD");

    private static final MessageHeader INBOUND = MessageHeader.read(
            "MSH|^~\\&|MONITOR^ACDE48234567ABCD^EUI-64|ICU|WARD|HOSP|20260101120000+0100||ORU^R01^ORU_R01|MSG-42|P|2.6").orElseThrow();

    private static String[] segments(String ack) {
        return ack.split("\r");
    }

    @Test
    void acceptAckSwapsSenderAndReceiverAndEchoesControlId() {
        String ack = acks.acknowledge(Optional.of(INBOUND), AcknowledgmentCode.AA, List.of());
        String[] seg = segments(ack);
        assertThat(seg).hasSize(2);
        assertThat(seg[0]).isEqualTo("MSH|^~\\&|WARD|HOSP|MONITOR^ACDE48234567ABCD^EUI-64|ICU|20261122101530.123+0000||ACK^R01^ACK|T-1|P|2.6");
        assertThat(seg[1]).isEqualTo("MSA|AA|MSG-42");
    }

    @Test
    void everyAckGetsAFreshControlId() {
        String first = acks.acknowledge(Optional.of(INBOUND), AcknowledgmentCode.AA, List.of());
        String second = acks.acknowledge(Optional.of(INBOUND), AcknowledgmentCode.AA, List.of());
        assertThat(MessageHeader.read(first).orElseThrow().controlId())
                .isNotEqualTo(MessageHeader.read(second).orElseThrow().controlId())
                .isNotEqualTo("MSG-42");
    }

    @Test
    void rejectCarriesErrWithTable0357CodeLocationAndSeverity() {
        Hl7Problem problem = Hl7Problem.error(ErrorCode.TABLE_VALUE_NOT_FOUND, ErrorLocation.field("MSH", 1, 18),
                "Character set in MSH-18 is not supported (HL7 table 0211)");
        String[] seg = segments(acks.acknowledge(Optional.of(INBOUND), AcknowledgmentCode.AR, List.of(problem)));
        assertThat(seg).hasSize(3);
        assertThat(seg[1]).isEqualTo("MSA|AR|MSG-42");
        assertThat(seg[2]).isEqualTo("ERR||MSH^1^18^1|103^Table value not found^HL70357|E||||"
                + "Character set in MSH-18 is not supported (HL7 table 0211)");
    }

    @Test
    void rejectWithoutReadableHeaderStillProducesAValidAck() {
        Hl7Problem problem = Hl7Problem.error(ErrorCode.SEGMENT_SEQUENCE_ERROR, ErrorLocation.segment("MSH", 1),
                "Message does not start with a valid MSH segment");
        String ack = acks.acknowledge(Optional.empty(), AcknowledgmentCode.AR, List.of(problem));
        String[] seg = segments(ack);
        assertThat(seg[0]).startsWith("MSH|^~\\&|WARD||||20261122101530.123+0000||ACK^^ACK|T-1|P|2.6");
        assertThat(seg[1]).isEqualTo("MSA|AR");
        assertThat(reader.read(ack.getBytes(), java.nio.charset.StandardCharsets.UTF_8))
                .isInstanceOf(org.ward.hl7.ReadOutcome.Parsed.class);
    }

    @Test
    void inboundEscapesAndSeparatorsAreTranslatedNotCopied() {
        MessageHeader odd = MessageHeader.read("MSH#*~\\&#APP*X#FAC#WARD#HOSP#2026##ORU*R01#ID-9#P#2.6").orElseThrow();
        String[] seg = segments(acks.acknowledge(Optional.of(odd), AcknowledgmentCode.AA, List.of()));
        assertThat(seg[0]).startsWith("MSH|^~\\&|WARD|HOSP|APP^X|FAC|");
    }

    @Test
    void whenTheSenderAddressedNoApplicationWardNamesItself() {
        MessageHeader unaddressed = MessageHeader.read("MSH|^~\\&|DEV||||2026||ORU^R01|ID|P|2.6").orElseThrow();
        MessageHeader ack = MessageHeader.read(acks.acknowledge(Optional.of(unaddressed), AcknowledgmentCode.AA, List.of()))
                .orElseThrow();
        assertThat(ack.field(3)).isEqualTo("WARD");
        assertThat(ack.field(5)).isEqualTo("DEV");
    }

    @Test
    void msh21CarriesOnlyTheRecognisedProfileNotTheSendersWholeField() {
        MessageHeader twoProfiles = MessageHeader.read("MSH|^~\\&|DEV||WARD||2026||ORU^R01|ID|P|2.6|||NE|AL|||||"
                + "LOCAL^X^9.9.9^ISO~IHE PCD ORU-R01 2006^HL7^1.3.6.1.4.1.19376.1.6.1.1.1^ISO").orElseThrow();
        Verdict verdict = new Verdict(ProcessingOutcome.ACCEPTED, List.of(),
                Optional.of("IHE PCD ORU-R01 2006^HL7^1.3.6.1.4.1.19376.1.6.1.1.1^ISO"));
        List<String> sent = acks.respond(Optional.of(twoProfiles), verdict);
        assertThat(sent).singleElement().satisfies(ack -> {
            MessageHeader header = MessageHeader.read(ack).orElseThrow();
            assertThat(header.field(21)).isEqualTo("IHE PCD ORU-R01 2006^HL7^1.3.6.1.4.1.19376.1.6.1.1.1^ISO");
            assertThat(header.field(15)).isEmpty();
            assertThat(header.field(16)).isEmpty();
        });
    }

    @Test
    void warningsTravelWithAnAaAndDoNotTurnItIntoAe() {
        Hl7Problem warning = new Hl7Problem(ErrorCode.DATA_TYPE_ERROR, org.ward.hl7.ErrorSeverity.WARNING,
                Optional.of(ErrorLocation.field("OBX", 2, 14)), "OBX-14 should carry a time zone offset");
        List<String> sent = acks.respond(Optional.of(INBOUND), new Verdict(ProcessingOutcome.ACCEPTED, List.of(warning),
                Optional.empty()));
        assertThat(sent).singleElement().satisfies(ack -> {
            assertThat(segments(ack)[1]).isEqualTo("MSA|AA|MSG-42");
            assertThat(segments(ack)[2]).startsWith("ERR||OBX^2^14^1|102^Data type error^HL70357|W");
        });
    }

    @Test
    void echoesCharsetAndVersion() {
        MessageHeader latin = MessageHeader.read("MSH|^~\\&|A|B|C|D|2026||ORU^R01|ID|T|2.5||||||8859/1").orElseThrow();
        MessageHeader ack = MessageHeader.read(acks.acknowledge(Optional.of(latin), AcknowledgmentCode.AA, List.of())).orElseThrow();
        assertThat(ack.characterSet()).isEqualTo("8859/1");
        assertThat(ack.version()).isEqualTo("2.5");
        assertThat(ack.field(11)).isEqualTo("T");
    }
}
