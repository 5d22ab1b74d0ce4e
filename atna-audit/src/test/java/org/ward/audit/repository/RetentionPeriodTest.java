package org.ward.audit.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code audit-repository.retention.keep}: an ISO-8601 period or duration, positive. */
class RetentionPeriodTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void yearsAreCalendarYearsInUtc() {
        assertThat(RetentionPeriod.parse("P7Y").cutoff(NOW)).isEqualTo(Instant.parse("2019-11-22T10:00:00Z"));
        assertThat(RetentionPeriod.parse("P1Y6M").cutoff(NOW)).isEqualTo(Instant.parse("2025-05-22T10:00:00Z"));
        assertThat(RetentionPeriod.parse("P30D").cutoff(NOW)).isEqualTo(Instant.parse("2026-10-23T10:00:00Z"));
    }

    @Test
    void aDurationIsExact() {
        assertThat(RetentionPeriod.parse("PT36H").cutoff(NOW)).isEqualTo(Instant.parse("2026-11-20T22:00:00Z"));
        assertThat(RetentionPeriod.parse("P2DT1H").cutoff(NOW)).isEqualTo(Instant.parse("2026-11-20T09:00:00Z"));
    }

    @Test
    void malformedZeroAndNegativeValuesNameTheKey() {
        assertThatThrownBy(() -> RetentionPeriod.parse("7 years")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("audit-repository.retention.keep").hasMessageContaining("'7 years'");
        assertThatThrownBy(() -> RetentionPeriod.parse("P0D")).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> RetentionPeriod.parse("-P1Y")).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> RetentionPeriod.parse("PT0S")).hasMessageContaining("must be positive");
    }
}
