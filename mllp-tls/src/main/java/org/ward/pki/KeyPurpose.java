package org.ward.pki;

/** The extendedKeyUsage purposes Ward issues (RFC 5280 §4.2.1.12), with their OIDs. */
public enum KeyPurpose {
    /** id-kp-serverAuth: TLS WWW server authentication. */
    SERVER_AUTH("1.3.6.1.5.5.7.3.1"),
    /** id-kp-clientAuth: TLS WWW client authentication. */
    CLIENT_AUTH("1.3.6.1.5.5.7.3.2");

    private final String oid;

    KeyPurpose(String oid) {
        this.oid = oid;
    }

    /** Dotted OID, as {@link java.security.cert.X509Certificate#getExtendedKeyUsage()} returns it. */
    public String oid() {
        return oid;
    }
}
