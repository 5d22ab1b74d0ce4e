package org.ward.tls;

import java.util.List;

/**
 * Cipher suites allowed on every Ward TLS connection.
 *
 * <p>ITI-19 "STX: TLS 1.2 floor using BCP195" defers to BCP 195 (RFC 9325 §4.2): only AEAD
 * suites with forward secrecy, i.e. ECDHE or DHE key exchange with AES-GCM. The ECDSA variants are
 * included because Ward's facility PKI issues ECDSA P-256 keys by default.
 */
public final class Bcp195CipherSuites {

    /** TLS 1.3 suites (RFC 8446 §9.1 mandatory-to-implement plus AES-256). */
    public static final List<String> TLS_1_3 = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384");

    /** TLS 1.2 suites, RFC 9325 §4.2 recommended list restricted to AES-GCM. */
    public static final List<String> TLS_1_2 = List.of(
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384");

    /** Every allowed suite, TLS 1.3 first, in order of preference. */
    public static final List<String> ALL = List.copyOf(
            java.util.stream.Stream.concat(TLS_1_3.stream(), TLS_1_2.stream()).toList());

    private Bcp195CipherSuites() {
    }

    public static boolean isAllowed(String suite) {
        return ALL.contains(suite);
    }
}
