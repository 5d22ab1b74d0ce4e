package org.ward.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import org.ward.tls.Bcp195CipherSuites;
import org.ward.tls.RevocationMode;
import org.ward.tls.TlsProtocol;

/**
 * TLS settings of one listener. Mutual TLS is not optional, so there is no switch for it: the
 * trust anchors are always required (ITI-19 "STX: TLS 1.2 floor using BCP195").
 *
 * @param keyStore PKCS#12 file holding the listener's private key and certificate chain
 * @param keyStorePasswordFile file whose content (trailing newline stripped) unlocks the key store
 * @param trustAnchors PEM file of the CA certificates that client certificates must chain to
 * @param protocols enabled TLS versions, in order of preference
 * @param cipherSuites enabled cipher suites, a subset of {@link Bcp195CipherSuites#ALL}
 * @param revocation how client certificate revocation is checked
 * @param crls CRL files (PEM or DER) checked, re-read when they change
 * @param revocationRecheck how often open connections are re-checked (revoked or expired since
 *                          their handshake → closed)
 * @param pinnedCertificates PEM files of individually trusted client certificates (ITI-19)
 */
public record TlsConfig(
        Path keyStore,
        Path keyStorePasswordFile,
        Path trustAnchors,
        List<TlsProtocol> protocols,
        List<String> cipherSuites,
        RevocationMode revocation,
        List<Path> crls,
        Duration revocationRecheck,
        List<Path> pinnedCertificates) {

    public static final List<TlsProtocol> DEFAULT_PROTOCOLS = List.of(TlsProtocol.TLS_1_3, TlsProtocol.TLS_1_2);
    public static final RevocationMode DEFAULT_REVOCATION = RevocationMode.REQUIRE;
    public static final Duration DEFAULT_REVOCATION_RECHECK = Duration.ofSeconds(60);

    public TlsConfig {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(keyStorePasswordFile, "keyStorePasswordFile");
        Objects.requireNonNull(trustAnchors, "trustAnchors");
        protocols = List.copyOf(protocols);
        cipherSuites = List.copyOf(cipherSuites);
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("at least one TLS protocol is required");
        }
        if (new HashSet<>(protocols).size() != protocols.size()) {
            throw new IllegalArgumentException("protocols listed twice: " + protocols);
        }
        if (cipherSuites.isEmpty()) {
            throw new IllegalArgumentException("at least one cipher suite is required");
        }
        for (String suite : cipherSuites) {
            if (!Bcp195CipherSuites.isAllowed(suite)) {
                throw new IllegalArgumentException(suite + " is not a BCP 195 cipher suite");
            }
        }
        if (new HashSet<>(cipherSuites).size() != cipherSuites.size()) {
            throw new IllegalArgumentException("cipher suites listed twice: " + cipherSuites);
        }
        Objects.requireNonNull(revocation, "revocation");
        crls = List.copyOf(crls);
        Objects.requireNonNull(revocationRecheck, "revocationRecheck");
        pinnedCertificates = List.copyOf(pinnedCertificates);
        if (revocationRecheck.isZero() || revocationRecheck.isNegative()) {
            throw new IllegalArgumentException("revocation-recheck must be positive");
        }
    }

    /** TLS settings without revocation checking and pins (tests and tools). */
    public TlsConfig(Path keyStore, Path keyStorePasswordFile, Path trustAnchors, List<TlsProtocol> protocols,
                     List<String> cipherSuites) {
        this(keyStore, keyStorePasswordFile, trustAnchors, protocols, cipherSuites, RevocationMode.OFF, List.of(),
                DEFAULT_REVOCATION_RECHECK, List.of());
    }

    /** TLS settings with every BCP 195 cipher suite enabled. */
    public TlsConfig(Path keyStore, Path keyStorePasswordFile, Path trustAnchors, List<TlsProtocol> protocols) {
        this(keyStore, keyStorePasswordFile, trustAnchors, protocols, Bcp195CipherSuites.ALL);
    }
}
