package org.ward.kerberos;

import org.ward.audit.codes.EventOutcome;

/**
 * Why a Negotiate attempt did not authenticate a person. Each kind carries the audit outcome of
 * its User Authentication record (ITI-4 §3.4.4.3: every failed login is audited) and a
 * description an auditor reads; none carries the token or anything from inside it but names.
 */
public enum KerberosFailure {
    /** The request carried no {@code Authorization: Negotiate} token (the RFC 4559 challenge was sent). */
    NO_TOKEN(EventOutcome.MINOR_FAILURE, "no Kerberos ticket presented", false),
    /** Not base64, not DER, not a SPNEGO or Kerberos GSS token, or larger than the limit. */
    MALFORMED_TOKEN(EventOutcome.MINOR_FAILURE, "malformed Negotiate token", true),
    /** The client offered NTLM (raw NTLMSSP or SPNEGO preferring NTLM); ITI-4 §3.4.4.2 forbids it. */
    NTLM_OFFERED(EventOutcome.MINOR_FAILURE, "NTLM offered; only Kerberos is accepted", true),
    /** SPNEGO without a Kerberos mechanism or without an optimistic Kerberos token. */
    UNSUPPORTED_MECHANISM(EventOutcome.MINOR_FAILURE, "no Kerberos mechanism token offered", true),
    /** The service ticket names another service than this one (KRB_AP_ERR_NOT_US, RFC 4120 §5.4.2). */
    WRONG_SERVICE(EventOutcome.MINOR_FAILURE, "ticket issued for another service", true),
    /** The service ticket's end time has passed (KRB_AP_ERR_TKT_EXPIRED). */
    EXPIRED_TICKET(EventOutcome.MINOR_FAILURE, "Kerberos ticket expired", true),
    /** The authenticator was seen before (KRB_AP_ERR_REPEAT): a replayed Authorization header. */
    REPLAY(EventOutcome.SERIOUS_FAILURE, "replayed Kerberos authenticator", true),
    /** The client's clock differs from ours by more than the allowed skew (KRB_AP_ERR_SKEW). */
    CLOCK_SKEW(EventOutcome.MINOR_FAILURE, "clock skew too great", true),
    /** Integrity or decryption failure, wrong key version, not yet valid: the ticket is not good. */
    BAD_TICKET(EventOutcome.SERIOUS_FAILURE, "Kerberos ticket rejected", true),
    /** Authenticated, but the principal is not in users.yaml. */
    UNKNOWN_USER(EventOutcome.MINOR_FAILURE, "principal not listed in users.yaml", true),
    /** Authenticated, but the account is disabled in users.yaml. */
    DISABLED_USER(EventOutcome.MINOR_FAILURE, "account disabled", true),
    /** A session cookie whose signature does not verify: forged or altered. */
    TAMPERED_SESSION(EventOutcome.SERIOUS_FAILURE, "session cookie signature invalid", true),
    /** Our side failed (keytab unreadable, GSS-API error without a Kerberos code). */
    ACCEPTOR_ERROR(EventOutcome.SERIOUS_FAILURE, "Kerberos acceptor error", false);

    private final EventOutcome outcome;
    private final String description;
    private final boolean countsAsAttack;

    KerberosFailure(EventOutcome outcome, String description, boolean countsAsAttack) {
        this.outcome = outcome;
        this.description = description;
        this.countsAsAttack = countsAsAttack;
    }

    /** The {@code EventOutcomeIndicator} of the failed User Authentication record. */
    public EventOutcome outcome() {
        return outcome;
    }

    /** Free text for {@code EventOutcomeDescription}; never PHI, never token bytes. */
    public String description() {
        return description;
    }

    /**
     * Whether it counts toward the per-address Security Alert threshold. A missing token does
     * not: every browser and {@code curl --negotiate} first asks without one (RFC 4559 §5).
     */
    public boolean countsTowardAlert() {
        return countsAsAttack;
    }
}
