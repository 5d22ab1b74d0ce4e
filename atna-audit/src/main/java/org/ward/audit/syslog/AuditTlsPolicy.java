package org.ward.audit.syslog;

import java.util.List;

/**
 * TLS versions and suites for the audit channel: ITI-19 "STX: TLS 1.2 floor using BCP195", i.e.
 * TLS 1.3 and 1.2 with AEAD, forward-secret suites only (RFC 9325 §4.2).
 *
 * <p>Same lists as {@code org.ward.tls.Bcp195CipherSuites} in mllp-tls, repeated here because
 * mllp-tls will depend on atna-audit (its PKI emits audit events), not the other way round.
 */
public final class AuditTlsPolicy {

    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    public static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384");

    private AuditTlsPolicy() {
    }
}
