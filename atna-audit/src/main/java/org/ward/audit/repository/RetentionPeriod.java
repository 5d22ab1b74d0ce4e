package org.ward.audit.repository;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;

/**
 * How long audit records are kept ({@code audit-repository.retention.keep}): an ISO-8601 period
 * ({@code P7Y}, {@code P18M}, {@code P30D}) counted in calendar terms in UTC, or a duration
 * ({@code PT36H}). Exactly one of the two is set.
 */
public record RetentionPeriod(Period period, Duration duration) {

    private static final String KEY = "audit-repository.retention.keep";

    public RetentionPeriod {
        if ((period == null) == (duration == null)) {
            throw new IllegalArgumentException("a retention period is a Period or a Duration (" + KEY + ")");
        }
        if (period != null && (period.isNegative() || period.isZero())) {
            throw new IllegalArgumentException("keep must be positive, was " + period + " (" + KEY + ")");
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("keep must be positive, was " + duration + " (" + KEY + ")");
        }
    }

    /** @throws IllegalArgumentException naming the key when {@code text} is neither form */
    public static RetentionPeriod parse(String text) {
        Objects.requireNonNull(text, KEY);
        try {
            return text.toUpperCase(Locale.ROOT).contains("T")
                    ? new RetentionPeriod(null, Duration.parse(text))
                    : new RetentionPeriod(Period.parse(text), null);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("keep must be an ISO-8601 period such as P7Y or duration such as"
                    + " PT36H, was '" + text + "' (" + KEY + ")", e);
        }
    }

    /** Records received before the returned instant are old enough to remove. */
    public Instant cutoff(Instant now) {
        return period != null ? now.atZone(ZoneOffset.UTC).minus(period).toInstant() : now.minus(duration);
    }

    @Override
    public String toString() {
        return period != null ? period.toString() : duration.toString();
    }
}
