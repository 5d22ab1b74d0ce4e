package org.ward.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @Test
    void readsEachUnit() {
        assertThat(Durations.parse("500ms")).contains(Duration.ofMillis(500));
        assertThat(Durations.parse("30s")).contains(Duration.ofSeconds(30));
        assertThat(Durations.parse("5m")).contains(Duration.ofMinutes(5));
        assertThat(Durations.parse("1h")).contains(Duration.ofHours(1));
        assertThat(Durations.parse("0s")).contains(Duration.ZERO);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "m", "5 m", "5min", "1.5s", "-1s", "05s", "1d", "PT5M", "5M", "9999999999h"})
    void rejectsAnythingElse(String text) {
        assertThat(Durations.parse(text)).isEmpty();
    }
}
