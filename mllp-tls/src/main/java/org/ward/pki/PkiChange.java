package org.ward.pki;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What one facility PKI operation did, for an audit trail. Carries no secret: never a key, a
 * password or a file's content. Fields that do not apply to the operation are empty.
 *
 * @param operation   what was attempted
 * @param outcome     whether it happened
 * @param time        when it finished
 * @param actor       who asked for it, e.g. the operating-system user running {@code ward pki}
 * @param serial      the certificate issued or revoked
 * @param subject     its subject DN, or the CA's for {@link PkiOperation#INIT}
 * @param profile     its profile
 * @param reason      the revocation reason
 * @param crlNumber   the number of the CRL published
 * @param detail      a short description for people: what was done, or why it failed
 */
public record PkiChange(
        PkiOperation operation,
        Outcome outcome,
        Instant time,
        String actor,
        Optional<BigInteger> serial,
        Optional<String> subject,
        Optional<CertificateProfile> profile,
        Optional<RevocationReason> reason,
        Optional<BigInteger> crlNumber,
        String detail) {

    /** Success or failure, as the audit event's EventOutcomeIndicator will say. */
    public enum Outcome {
        SUCCESS,
        FAILURE
    }

    public PkiChange {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(crlNumber, "crlNumber");
        Objects.requireNonNull(detail, "detail");
    }

    /** The serial as {@code ward pki list} prints it. */
    public Optional<String> serialHex() {
        return serial.map(IssuedCertificate::hex);
    }
}
