package org.ward.pki;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * When and why a certificate was revoked.
 *
 * @param time   the revocationDate of the CRL entry (RFC 5280 §5.1.2.6), whole seconds
 * @param reason the CRLReason (RFC 5280 §5.3.1)
 */
public record Revocation(Instant time, RevocationReason reason) {

    public Revocation {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(reason, "reason");
        if (!time.equals(time.truncatedTo(ChronoUnit.SECONDS))) {
            throw new IllegalArgumentException("Revocation time must be whole seconds (X.509 times), got " + time);
        }
    }
}
