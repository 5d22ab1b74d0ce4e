package org.ward.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class IdListTest {

    @Test
    void theListIsRoundedUpToAPowerOfTwoAndPaddedWithTheLastId() {
        assertThat(IdList.of(List.of(7L)).padded()).containsExactly(7L);
        assertThat(IdList.of(List.of(7L, 9L)).padded()).containsExactly(7L, 9L);
        assertThat(IdList.of(List.of(1L, 2L, 3L)).padded()).containsExactly(1L, 2L, 3L, 3L);
        assertThat(IdList.of(List.of(1L, 2L, 3L, 4L, 5L)).slots()).isEqualTo(8);
        assertThat(IdList.of(java.util.stream.LongStream.rangeClosed(1, 256).boxed().toList()).slots()).isEqualTo(256);
        assertThat(IdList.of(java.util.stream.LongStream.rangeClosed(1, 257).boxed().toList()).slots()).isEqualTo(512);
        assertThat(IdList.of(List.of(1L, 2L, 3L)).placeholders()).isEqualTo("?, ?, ?, ?");
    }

    @Test
    void anEmptyListIsRefused() {
        assertThatThrownBy(() -> IdList.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
