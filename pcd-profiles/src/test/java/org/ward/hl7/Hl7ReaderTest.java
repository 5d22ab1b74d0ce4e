package org.ward.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.model.v26.message.ORU_R01;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Hl7ReaderTest {

    static final String PCD01 = "MSH|^~\\&|AcmeInc^ACDE48234567ABCD^EUI-64||||20090713090030+0500||ORU^R01^ORU_R01|MSGID1234|P|2.6\r"
            + "PID|||789567^^^Imaginary Hospital^PI||Doe^John^Joseph^^^^L^A|||M\r"
            + "OBR|1|AB12345^AcmeAHDInc^ACDE48234567ABCD^EUI-64||528391^MDC_DEV_SPEC_PROFILE_BP^MDC\r"
            + "OBX|1|NM|150021^MDC_PRESS_BLD_NONINV_SYS^MDC|1.0.1.1|120|266016^MDC_DIM_MMHG^MDC|||||R\r";

    private final Hl7Reader reader = new Hl7Reader();

    @Test
    void parsesPcd01IntoTypedV26Structure() {
        ReadOutcome outcome = reader.read(PCD01.getBytes(StandardCharsets.US_ASCII), StandardCharsets.UTF_8);
        assertThat(outcome).isInstanceOf(ReadOutcome.Parsed.class);
        ReadOutcome.Parsed parsed = (ReadOutcome.Parsed) outcome;
        assertThat(parsed.message()).isInstanceOf(ORU_R01.class);
        assertThat(parsed.header().controlId()).isEqualTo("MSGID1234");
        assertThat(parsed.header().messageType()).isEqualTo("ORU^R01");
    }

    @Test
    void acceptsLfAndCrLfSegmentEndings() {
        for (String ending : new String[] {"\n", "\r\n"}) {
            ReadOutcome outcome = reader.read(PCD01.replace("\r", ending).getBytes(StandardCharsets.US_ASCII),
                    StandardCharsets.UTF_8);
            assertThat(outcome).isInstanceOf(ReadOutcome.Parsed.class);
            assertThat(((ReadOutcome.Parsed) outcome).text()).doesNotContain("\n");
        }
    }

    @Test
    void decodesWithTheCharsetNamedInMsh18() {
        String latin1 = PCD01.replace("|P|2.6\r", "|P|2.6||||||8859/1\r").replace("Joseph", "Jos\u00e9");
        ReadOutcome.Parsed parsed = (ReadOutcome.Parsed) reader.read(latin1.getBytes(StandardCharsets.ISO_8859_1),
                StandardCharsets.UTF_8);
        assertThat(parsed.charset()).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(parsed.text()).contains("Jos\u00e9");
    }

    @Test
    void withoutMsh18TheDefaultCharsetApplies() {
        String utf8 = PCD01.replace("Joseph", "J\u00f6rg");
        ReadOutcome.Parsed parsed = (ReadOutcome.Parsed) reader.read(utf8.getBytes(StandardCharsets.UTF_8),
                StandardCharsets.UTF_8);
        assertThat(parsed.text()).contains("J\u00f6rg");
    }

    @Test
    void unknownCharsetIsRefusedWithTableValueErrorAtMsh18() {
        String bad = PCD01.replace("|P|2.6\r", "|P|2.6||||||EBCDIC\r");
        ReadOutcome.Unreadable refused = (ReadOutcome.Unreadable) reader.read(bad.getBytes(StandardCharsets.US_ASCII),
                StandardCharsets.UTF_8);
        assertThat(refused.problem().code()).isEqualTo(ErrorCode.TABLE_VALUE_NOT_FOUND);
        assertThat(refused.problem().location()).contains(ErrorLocation.field("MSH", 1, 18));
        assertThat(refused.header()).isPresent();
    }

    @Test
    void payloadWithoutMshIsRefusedWithoutHeader() {
        ReadOutcome.Unreadable refused = (ReadOutcome.Unreadable) reader.read(
                "PID|||12345||DOE^JANE\r".getBytes(StandardCharsets.US_ASCII), StandardCharsets.UTF_8);
        assertThat(refused.header()).isEmpty();
        assertThat(refused.problem().code()).isEqualTo(ErrorCode.SEGMENT_SEQUENCE_ERROR);
        assertThat(refused.problem().text()).doesNotContain("DOE", "12345");
    }

    @Test
    void missingVersionIdIsRefusedAndKeepsTheHeaderForTheAck() {
        String broken = "MSH|^~\\&|DEV||WARD||20260101||ORU^R01^ORU_R01|CTRL-7|P|\rPID|||12345||DOE^JANE\r";
        ReadOutcome outcome = reader.read(broken.getBytes(StandardCharsets.US_ASCII), StandardCharsets.UTF_8);
        assertThat(outcome).isInstanceOf(ReadOutcome.Unreadable.class);
        ReadOutcome.Unreadable refused = (ReadOutcome.Unreadable) outcome;
        assertThat(refused.header()).map(MessageHeader::controlId).contains("CTRL-7");
        assertThat(refused.problem().code()).isEqualTo(ErrorCode.REQUIRED_FIELD_MISSING);
        assertThat(refused.problem().text()).doesNotContain("DOE", "12345");
    }

    @Test
    void truncatedEncodingCharactersAreRefused() {
        String broken = "MSH|^~|DEV||WARD||20260101||ORU^R01|CTRL-8|P|2.6\rPID|||1\r";
        ReadOutcome outcome = reader.read(broken.getBytes(StandardCharsets.US_ASCII), StandardCharsets.UTF_8);
        assertThat(outcome).isInstanceOf(ReadOutcome.Unreadable.class);
        assertThat(((ReadOutcome.Unreadable) outcome).header()).map(MessageHeader::controlId).contains("CTRL-8");
    }
}
