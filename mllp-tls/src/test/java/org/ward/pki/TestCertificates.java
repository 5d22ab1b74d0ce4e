package org.ward.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A facility PKI with one client certificate of each {@link Kind} a relying party must accept or
 * refuse, and a published CRL. Shared through the mllp-tls test-jar: the OpenSSL verifier and Ward's
 * own TLS listener must both refuse exactly the kinds with {@link Kind#accepted()} false.
 *
 * <pre>
 * DIR/pki/        the facility PKI (trust-anchors.pem, issuing-ca.pem, ca-chain.pem, crl.pem, crl.der, …)
 * DIR/other-pki/  another facility's CA, which issued {@link Kind#WRONG_CA}
 * DIR/leaves/     each leaf certificate alone in PEM, for {@code openssl verify}
 * </pre>
 */
public final class TestCertificates {

    /** What is wrong with a client certificate, if anything. All are TLS client certificates. */
    public enum Kind {
        /** A current device certificate (clientAuth, EUI-64) from the facility CA. */
        VALID(true, "valid"),
        /** Like {@link #VALID}, revoked for keyCompromise and listed in the CRL. */
        REVOKED(false, "revoked"),
        /** A client certificate whose notAfter has passed (issued 40 days ago for 30 days). */
        EXPIRED(false, "expired"),
        /** A client certificate whose notBefore is 30 days ahead. */
        NOT_YET_VALID(false, "not-yet-valid"),
        /** A device certificate from another facility's CA. */
        WRONG_CA(false, "wrong-ca"),
        /** A server-only certificate (serverAuth, no clientAuth) presented as a client. */
        WRONG_EKU(false, "wrong-eku");

        private final boolean accepted;
        private final String fileName;

        Kind(boolean accepted, String fileName) {
            this.accepted = accepted;
            this.fileName = fileName;
        }

        /** Whether a TLS server requiring client certificates with CRL checks must accept it. */
        public boolean accepted() {
            return accepted;
        }

        /** The base name of its files: {@code NAME.p12}, {@code NAME.p12.password}, {@code NAME-chain.pem}. */
        public String fileName() {
            return fileName;
        }
    }

    /**
     * One certificate's files.
     *
     * @param serial       its serial number
     * @param p12          key and chain [leaf, issuing, root], PKCS#12
     * @param passwordFile the password of {@code p12}
     * @param chainPem     [leaf, issuing, root] in PEM
     * @param leafPem      the leaf certificate alone in PEM
     */
    public record TestCredential(BigInteger serial, Path p12, Path passwordFile, Path chainPem, Path leafPem) {
    }

    public static final String SERVER = "ward-server";
    public static final Duration CRL_VALIDITY = Duration.ofDays(7);

    private final Path pkiDirectory;
    private final Path otherPkiDirectory;
    private final Map<Kind, TestCredential> credentials;
    private final TestCredential server;

    private TestCertificates(Path pkiDirectory, Path otherPkiDirectory, Map<Kind, TestCredential> credentials,
            TestCredential server) {
        this.pkiDirectory = pkiDirectory;
        this.otherPkiDirectory = otherPkiDirectory;
        this.credentials = Map.copyOf(credentials);
        this.server = server;
    }

    /** Builds everything under {@code directory}, which must be empty or not exist. */
    public static TestCertificates create(Path directory) throws IOException {
        SecureRandom random = new SecureRandom();
        Clock now = Clock.systemUTC();
        Path pkiDir = directory.resolve("pki");
        Path otherDir = directory.resolve("other-pki");
        Path leaves = Files.createDirectories(directory.resolve("leaves"));

        FacilityPki pki = pki(pkiDir, now, random);
        pki.init("St. Elsewhere", KeyAlgorithm.EC_P256, Optional.empty());
        FacilityPki other = pki(otherDir, now, random);
        other.init("Elsewhere Else", KeyAlgorithm.EC_P256, Optional.empty());

        Map<Kind, TestCredential> credentials = new EnumMap<>(Kind.class);
        credentials.put(Kind.VALID, leaf(pki.issue(device("valid-monitor", "02000000000000a1"), Kind.VALID.fileName()),
                leaves));
        credentials.put(Kind.REVOKED, leaf(pki.issue(device("revoked-monitor", "02000000000000a2"),
                Kind.REVOKED.fileName()), leaves));
        credentials.put(Kind.EXPIRED, leaf(pki(pkiDir, shifted(Duration.ofDays(-40)), random)
                .issue(IssueRequest.client("expired-ehr", 30), Kind.EXPIRED.fileName()), leaves));
        credentials.put(Kind.NOT_YET_VALID, leaf(pki(pkiDir, shifted(Duration.ofDays(30)), random)
                .issue(IssueRequest.client("future-ehr", 30), Kind.NOT_YET_VALID.fileName()), leaves));
        credentials.put(Kind.WRONG_CA, leaf(other.issue(device("foreign-monitor", "02000000000000a3"),
                Kind.WRONG_CA.fileName()), leaves));
        credentials.put(Kind.WRONG_EKU, leaf(pki.issue(IssueRequest.server("server-only", List.of("server-only"),
                List.of(), 30), Kind.WRONG_EKU.fileName()), leaves));
        TestCredential server = leaf(pki.issue(IssueRequest.server("localhost", List.of("localhost"),
                List.of("127.0.0.1", "::1"), 30), SERVER), leaves);

        pki.revoke(credentials.get(Kind.REVOKED).serial(), RevocationReason.KEY_COMPROMISE);
        pki.publishCrl(CRL_VALIDITY);
        other.publishCrl(CRL_VALIDITY);
        return new TestCertificates(pkiDir, otherDir, credentials, server);
    }

    public TestCredential get(Kind kind) {
        return Objects.requireNonNull(credentials.get(kind), "kind");
    }

    /** Ward's own listener credential (server profile for localhost, 127.0.0.1 and ::1), from the facility CA. */
    public TestCredential server() {
        return server;
    }

    public PkiDirectory pki() {
        return new PkiDirectory(pkiDirectory);
    }

    /** The facility root CA certificate: what a relying party trusts. */
    public Path trustAnchors() {
        return pki().trustAnchors();
    }

    /** The issuing CA certificate, for {@code openssl verify -untrusted}. */
    public Path issuingCaPem() {
        return pki().issuingCaPem();
    }

    /** The facility CA's current CRL, PEM. */
    public Path crlPem() {
        return pki().crlPem();
    }

    /** The facility CA's current CRL, DER. */
    public Path crlDer() {
        return pki().crlDer();
    }

    /** The other facility's PKI directory (its own trust anchors and CRL). */
    public PkiDirectory otherPki() {
        return new PkiDirectory(otherPkiDirectory);
    }

    private static FacilityPki pki(Path directory, Clock clock, SecureRandom random) {
        return new FacilityPki(directory, clock, random, change -> { }, "TestCertificates");
    }

    private static Clock shifted(Duration offset) {
        return Clock.fixed(Instant.now().plus(offset), ZoneOffset.UTC);
    }

    private static IssueRequest device(String commonName, String eui64) {
        return IssueRequest.device(commonName, new Eui64(eui64), 30);
    }

    private static TestCredential leaf(IssuedCredential issued, Path leaves) throws IOException {
        Path leafPem = leaves.resolve(issued.p12().getFileName().toString().replace(".p12", "") + ".pem");
        PemCertificates.write(leafPem, List.of(issued.certificate()));
        return new TestCredential(issued.record().serial(), issued.p12(), issued.passwordFile(), issued.chainPem(),
                leafPem);
    }
}
