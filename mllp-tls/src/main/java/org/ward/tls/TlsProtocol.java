package org.ward.tls;

import java.util.Arrays;
import java.util.Optional;

/**
 * The TLS versions Ward will speak. ITI-19 "STX: TLS 1.2 floor using BCP195" (RFC 9325 §3.1.1):
 * TLS 1.2 is the floor; TLS 1.1 and below are never offered, so they are not even nameable here.
 */
public enum TlsProtocol {
    TLS_1_3("TLSv1.3"),
    TLS_1_2("TLSv1.2");

    private final String jsseName;

    TlsProtocol(String jsseName) {
        this.jsseName = jsseName;
    }

    /** The protocol name as JSSE and OpenSSL spell it, e.g. {@code TLSv1.3}. */
    public String jsseName() {
        return jsseName;
    }

    public static Optional<TlsProtocol> ofJsseName(String name) {
        return Arrays.stream(values()).filter(p -> p.jsseName.equals(name)).findFirst();
    }
}
