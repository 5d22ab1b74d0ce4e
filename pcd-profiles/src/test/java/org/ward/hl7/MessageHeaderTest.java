package org.ward.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageHeaderTest {

    @Test
    void readsFieldsByHl7Numbering() {
        MessageHeader h = MessageHeader.read("MSH|^~\\&|APP^1^ISO|FAC|RAPP|RFAC|20260101||ORU^R01^ORU_R01|ID-1|P|2.6\rPID|").orElseThrow();
        assertThat(h.field(1)).isEqualTo("|");
        assertThat(h.field(2)).isEqualTo("^~\\&");
        assertThat(h.field(3)).isEqualTo("APP^1^ISO");
        assertThat(h.field(6)).isEqualTo("RFAC");
        assertThat(h.controlId()).isEqualTo("ID-1");
        assertThat(h.messageType()).isEqualTo("ORU^R01");
        assertThat(h.triggerEvent()).isEqualTo("R01");
        assertThat(h.version()).isEqualTo("2.6");
        assertThat(h.field(18)).isEmpty();
    }

    @Test
    void honoursNonStandardSeparators() {
        MessageHeader h = MessageHeader.read("MSH#*~\\&#APP#FAC#R#F#2026##ORU*R01#ID-2#P#2.6").orElseThrow();
        assertThat(h.messageType()).isEqualTo("ORU^R01");
        assertThat(h.controlId()).isEqualTo("ID-2");
    }

    @Test
    void componentsKeepEmptyPiecesAndEndWithTheField() {
        MessageHeader h = MessageHeader.read("MSH|^~\\&|A^^C^||||||^R40|ID~X|P||||||||").orElseThrow();
        assertThat(h.component(3, 1)).isEqualTo("A");
        assertThat(h.component(3, 2)).isEmpty();
        assertThat(h.component(3, 3)).isEqualTo("C");
        assertThat(h.component(3, 4)).isEmpty();
        assertThat(h.component(3, 5)).isEmpty();
        assertThat(h.messageType()).isEqualTo("^R40");
        assertThat(h.controlId()).isEqualTo("ID");
        assertThat(h.field(21)).isEmpty();
        assertThat(h.field(22)).isEmpty();
        assertThat(h.field(11)).isEqualTo("P");
    }

    @Test
    void theRepetitionSeparatorIsMsh2sSecondCharacterOrTheDefault() {
        assertThat(MessageHeader.read("MSH|^~\\&|A").orElseThrow().repetitionSeparator()).isEqualTo('~');
        assertThat(MessageHeader.read("MSH|^#\\&|A").orElseThrow().repetitionSeparator()).isEqualTo('#');
        assertThat(MessageHeader.read("MSH|^|APP").orElseThrow().repetitionSeparator()).isEqualTo('~');
    }

    @Test
    void rejectsWhatIsNotAnMshSegment() {
        assertThat(MessageHeader.read("PID|||123")).isEmpty();
        assertThat(MessageHeader.read("MSH")).isEmpty();
        assertThat(MessageHeader.read("MSHA^~\\&|X")).isEmpty();
        assertThat(MessageHeader.read("")).isEmpty();
    }

    @Test
    void splitKeepsEveryEmptyPieceAsStringSplitWithANegativeLimitDoes() {
        for (String text : new String[] {"", "|", "a", "a|b", "|a||b|", "||", "a|b|", "*|*", "x.y"}) {
            for (char separator : new char[] {'|', '*', '.'}) {
                assertThat(MessageHeader.split(text, separator)).as("'%s' on %s", text, separator)
                        .containsExactly(text.split(java.util.regex.Pattern.quote(String.valueOf(separator)), -1));
            }
        }
    }

    @Test
    void toStringCarriesNoPatientData() {
        MessageHeader h = MessageHeader.read("MSH|^~\\&|A|B|C|D|2026||ORU^R01|ID-3|P|2.6\rPID|||SECRET").orElseThrow();
        assertThat(h.toString()).doesNotContain("SECRET").contains("ID-3");
    }
}
