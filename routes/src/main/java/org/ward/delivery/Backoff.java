package org.ward.delivery;

import java.time.Duration;
import java.util.Objects;

/**
 * Exponential back-off between sends of the same message: {@code min} after the first failure,
 * doubling after each further one, never more than {@code max}. No jitter: one worker per
 * destination, so there is no herd to spread out.
 */
public record Backoff(Duration min, Duration max) {

    /** 0.5 s, 1 s, 2 s, … 32 s, then 60 s. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(60));

    public Backoff {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        if (min.isNegative() || min.isZero()) {
            throw new IllegalArgumentException("back-off min must be positive: " + min);
        }
        if (max.compareTo(min) < 0) {
            throw new IllegalArgumentException("back-off max " + max + " is below min " + min);
        }
    }

    /** The wait after {@code consecutiveFailures} failures in a row (1 or more). */
    public Duration delay(int consecutiveFailures) {
        if (consecutiveFailures < 1) {
            throw new IllegalArgumentException("consecutive failures start at 1: " + consecutiveFailures);
        }
        // Shift at most 30 so the multiplier cannot overflow; the cap applies long before.
        long factor = 1L << Math.min(consecutiveFailures - 1, 30);
        long maxMillis = max.toMillis();
        long millis = min.toMillis() > maxMillis / factor ? maxMillis : min.toMillis() * factor;
        return Duration.ofMillis(Math.min(millis, maxMillis));
    }
}
