package org.ward.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one message stands with one destination, as the {@code deliveries} table holds it; for operators.
 *
 * @param nextAttempt  when a PENDING message that failed may be sent again, or null
 * @param lastReason   the last failure or rejection (names no content), or null
 * @param deliveredAt  when the destination acknowledged it, or null
 */
public record DeliveryState(String destination, DeliveryStatus status, int attempts, Instant nextAttempt,
                            String lastReason, Instant deliveredAt) {

    public DeliveryState {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(status, "status");
    }

    public Optional<Instant> delivered() {
        return Optional.ofNullable(deliveredAt);
    }
}
