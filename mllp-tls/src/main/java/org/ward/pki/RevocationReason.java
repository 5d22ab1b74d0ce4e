package org.ward.pki;

import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Why a certificate was revoked: the RFC 5280 §5.3.1 CRLReason values that apply to the node
 * certificates a facility issuing CA signs. Left out on purpose: cACompromise and aACompromise
 * (they describe CA and attribute-authority certificates, which are not in this registry),
 * certificateHold (a hold can be lifted, but revocation in Ward is final) and removeFromCRL (only
 * meaningful in delta CRLs, which Ward does not publish). The same subset the CA/Browser Forum
 * Baseline Requirements §7.2.2 allow for subscriber certificates.
 */
public enum RevocationReason {
    /** RFC 5280 §5.3.1: the reasonCode extension SHOULD then be absent rather than say unspecified. */
    UNSPECIFIED("unspecified", 0),
    /** The private key is known or suspected to be in someone else's hands. */
    KEY_COMPROMISE("keyCompromise", 1),
    /** The subject's name or other information changed (e.g. the device moved to another unit). */
    AFFILIATION_CHANGED("affiliationChanged", 3),
    /** A new certificate replaces this one; the key is not known to be compromised. */
    SUPERSEDED("superseded", 4),
    /** The node is decommissioned; the certificate is no longer needed. */
    CESSATION_OF_OPERATION("cessationOfOperation", 5),
    /** The subject is no longer allowed what the certificate asserted (e.g. its EKU). */
    PRIVILEGE_WITHDRAWN("privilegeWithdrawn", 9);

    private final String asn1Name;
    private final int code;

    RevocationReason(String asn1Name, int code) {
        this.asn1Name = asn1Name;
        this.code = code;
    }

    /** The name RFC 5280's ASN.1 module gives the value, e.g. {@code keyCompromise}; what operators type. */
    public String asn1Name() {
        return asn1Name;
    }

    /** The CRLReason ENUMERATED value carried in the CRL entry's reasonCode extension. */
    public int code() {
        return code;
    }

    /** Whether a CRL entry carries a reasonCode extension for this reason (RFC 5280 §5.3.1). */
    public boolean hasReasonCode() {
        return this != UNSPECIFIED;
    }

    /** Parses the ASN.1 name ({@code keyCompromise}), case-insensitively. */
    public static RevocationReason parse(String text) {
        Objects.requireNonNull(text, "text");
        for (RevocationReason reason : values()) {
            if (reason.asn1Name.equalsIgnoreCase(text.strip())) {
                return reason;
            }
        }
        throw new IllegalArgumentException("Not a revocation reason: \"" + text + "\"; expected one of "
                + names());
    }

    /** Finds the reason for a reasonCode value, as read back from a CRL. */
    public static RevocationReason ofCode(int code) {
        for (RevocationReason reason : values()) {
            if (reason.code == code) {
                return reason;
            }
        }
        throw new IllegalArgumentException("CRLReason " + code + " is not one Ward issues");
    }

    /** {@code unspecified, keyCompromise, …} for help texts and error messages. */
    public static String names() {
        return Arrays.stream(values()).map(RevocationReason::asn1Name).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return asn1Name;
    }
}
