package org.ward.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Er7Test {

    private static final String MESSAGE = "MSH|^~\\&|A|B\rPID|||P1~P2\rOBX|1\rPV1|1\rPID|||\rOBX|2|NM|x|||||||||||||||dev^EUI-64";

    @Test
    void fieldOfEachReadsOneFieldOfEverySegmentWithTheId() {
        assertThat(Er7.fieldOfEach(MESSAGE, "PID", '|', 3)).containsExactly("P1~P2", "");
        assertThat(Er7.fieldOfEach(MESSAGE, "OBX", '|', 18)).containsExactly("", "dev^EUI-64");
        assertThat(Er7.fieldOfEach(MESSAGE, "OBX", '|', 1)).containsExactly("1", "2");
        assertThat(Er7.fieldOfEach(MESSAGE, "NTE", '|', 1)).isEmpty();
        assertThat(Er7.fieldOfEach("", "PID", '|', 3)).isEmpty();
    }

    @Test
    void splitKeepsEmptyPartsAndDropsOneTrailingDelimiter() {
        assertThat(Er7.split("a||b", '|')).containsExactly("a", "", "b");
        assertThat(Er7.split("a|", '|')).containsExactly("a");
        assertThat(Er7.split("|", '|')).containsExactly("");
        assertThat(Er7.split("", '|')).isEmpty();
    }
}
