package org.ward.pki;

/**
 * The keyUsage bits Ward sets (RFC 5280 §4.2.1.3). {@link #index()} is the bit's position in the
 * KeyUsage BIT STRING, which is also its index in {@link java.security.cert.X509Certificate#getKeyUsage()}.
 */
public enum KeyUsageBit {
    DIGITAL_SIGNATURE(0, org.bouncycastle.asn1.x509.KeyUsage.digitalSignature),
    KEY_AGREEMENT(4, org.bouncycastle.asn1.x509.KeyUsage.keyAgreement),
    KEY_CERT_SIGN(5, org.bouncycastle.asn1.x509.KeyUsage.keyCertSign),
    CRL_SIGN(6, org.bouncycastle.asn1.x509.KeyUsage.cRLSign);

    private final int index;
    private final int bouncyCastleMask;

    KeyUsageBit(int index, int bouncyCastleMask) {
        this.index = index;
        this.bouncyCastleMask = bouncyCastleMask;
    }

    public int index() {
        return index;
    }

    /** BouncyCastle's KeyUsage takes the bits OR-ed together as an int mask. */
    int bouncyCastleMask() {
        return bouncyCastleMask;
    }
}
