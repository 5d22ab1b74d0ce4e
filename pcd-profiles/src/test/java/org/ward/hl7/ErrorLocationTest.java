package org.ward.hl7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ErrorLocationTest {

    @Test
    void segmentIdsAreAnUpperCaseLetterAndTwoUpperCaseLettersOrDigits() {
        assertThat(ErrorLocation.isSegmentId("OBX")).isTrue();
        assertThat(ErrorLocation.isSegmentId("PV1")).isTrue();
        assertThat(ErrorLocation.isSegmentId("Z01")).isTrue();
        assertThat(ErrorLocation.isSegmentId("obx")).isFalse();
        assertThat(ErrorLocation.isSegmentId("1BX")).isFalse();
        assertThat(ErrorLocation.isSegmentId("OB")).isFalse();
        assertThat(ErrorLocation.isSegmentId("OBXX")).isFalse();
        assertThat(ErrorLocation.isSegmentId("O-X")).isFalse();
        assertThat(ErrorLocation.isSegmentId("OBx")).isFalse();
        assertThat(ErrorLocation.isSegmentId("")).isFalse();
        assertThat(ErrorLocation.isSegmentId(null)).isFalse();
    }

    @Test
    void aLocationRefusesWhatIsNotASegmentId() {
        assertThat(ErrorLocation.field("OBX", 3, 18)).isEqualTo(new ErrorLocation("OBX", 3, 18, 1, 0));
        assertThatThrownBy(() -> ErrorLocation.field("Obx", 3, 18))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a segment id: Obx");
    }
}
