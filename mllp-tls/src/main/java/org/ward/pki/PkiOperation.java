package org.ward.pki;

/** What a facility PKI operation changed; each is a security configuration change (DICOM 110129). */
public enum PkiOperation {
    /** A new root and issuing CA were created. */
    INIT,
    /** A node certificate was issued. */
    ISSUE,
    /** A node certificate was revoked. */
    REVOKE,
    /** A new CRL was signed and published. */
    PUBLISH_CRL
}
