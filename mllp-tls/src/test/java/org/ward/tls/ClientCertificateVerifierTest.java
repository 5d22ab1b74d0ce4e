package org.ward.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ward.pki.FacilityPki;
import org.ward.pki.OpenSsl;
import org.ward.pki.PemCertificates;
import org.ward.pki.RevocationReason;
import org.ward.pki.TestCertificates;
import org.ward.pki.TestCertificates.Kind;

/**
 * {@link ClientCertificateVerifier} on the certificates of {@link TestCertificates}: it must agree
 * with {@code openssl verify -crl_check} and {@link Kind#accepted()} on every kind, and each
 * revocation mode must treat a missing, expired or listing CRL as documented.
 */
class ClientCertificateVerifierTest {

    @TempDir
    static Path temp;

    private static TestCertificates certificates;
    private static List<X509Certificate> anchors;

    @BeforeAll
    static void createCertificates() throws Exception {
        certificates = TestCertificates.create(temp.resolve("certificates"));
        anchors = PemCertificates.read(certificates.trustAnchors());
    }

    private static X509Certificate[] chain(Kind kind) throws IOException {
        return PemCertificates.read(certificates.get(kind).chainPem()).toArray(X509Certificate[]::new);
    }

    private static ClientCertificateVerifier verifier(RevocationMode mode, Path... crls) {
        return new ClientCertificateVerifier(anchors, List.of(), mode,
                new CrlFiles(List.of(crls), Clock.systemUTC()), Clock.systemUTC());
    }

    private static boolean accepts(ClientCertificateVerifier verifier, X509Certificate[] chain) {
        try {
            verifier.verify(chain);
            return true;
        } catch (CertificateException e) {
            return false;
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void verifierAgreesWithOpensslVerifyAndWithTheKind(Kind kind) throws Exception {
        Path leaf = certificates.get(kind).leafPem();
        OpenSsl.Result openssl = OpenSsl.run("verify", "-x509_strict", "-crl_check", "-purpose", "sslclient",
                "-CAfile", certificates.trustAnchors().toString(),
                "-untrusted", certificates.issuingCaPem().toString(),
                "-CRLfile", certificates.crlPem().toString(), leaf.toString());
        boolean opensslAccepts = openssl.exitCode() == 0;

        boolean wardAccepts = accepts(verifier(RevocationMode.REQUIRE, certificates.crlPem()), chain(kind));

        assertThat(wardAccepts).as("Ward's verdict on %s; openssl said: %s", kind, openssl.output())
                .isEqualTo(opensslAccepts)
                .isEqualTo(kind.accepted());
    }

    @Test
    void revokedCertificateIsRefusedNamingItsSerial() throws Exception {
        String serial = certificates.get(Kind.REVOKED).serial().toString(16);

        assertThatThrownBy(() -> verifier(RevocationMode.REQUIRE, certificates.crlPem()).verify(chain(Kind.REVOKED)))
                .isInstanceOf(CertificateException.class)
                .hasMessage("certificate serial " + serial + " is revoked");
    }

    @Test
    void wrongEkuIsRefusedForMissingClientAuth() throws Exception {
        assertThatThrownBy(() -> verifier(RevocationMode.REQUIRE, certificates.crlPem()).verify(chain(Kind.WRONG_EKU)))
                .isInstanceOf(CertificateException.class)
                .hasMessageContaining("extended key usage clientAuth missing");
    }

    @Test
    void requireWithoutAnyCrlRefusesEvenAValidCertificate() throws Exception {
        String serial = certificates.get(Kind.VALID).serial().toString(16);

        assertThatThrownBy(() -> verifier(RevocationMode.REQUIRE).verify(chain(Kind.VALID)))
                .isInstanceOf(CertificateException.class)
                .hasMessageContaining("revocation status of certificate serial " + serial + " is unknown");
    }

    @Test
    void requireWithAnExpiredCrlRefusesEvenAValidCertificate() throws Exception {
        // The same issuing CA signs a CRL whose nextUpdate passed a day ago: no current CRL.
        Path copy = copyOfPki("expired-crl");
        new FacilityPki(copy, Clock.fixed(Instant.now().minus(Duration.ofDays(2)), ZoneOffset.UTC), new SecureRandom(),
                change -> { }, "test").publishCrl(Duration.ofDays(1));
        Path expiredCrl = copy.resolve(certificates.crlPem().getFileName());
        X509CRL crl = new CrlFiles(List.of(expiredCrl), Clock.systemUTC()).current().crls().get(0);
        assertThat(crl.getNextUpdate().toInstant()).isBefore(Instant.now().minus(Duration.ofHours(12)));

        assertThatThrownBy(() -> verifier(RevocationMode.REQUIRE, expiredCrl).verify(chain(Kind.VALID)))
                .isInstanceOf(CertificateException.class)
                .hasMessageContaining("revocation status of certificate serial")
                .hasMessageContaining("is unknown");
        assertThatCode(() -> verifier(RevocationMode.PREFER, expiredCrl).verify(chain(Kind.VALID)))
                .as("prefer: an outdated CRL is logged, not a refusal").doesNotThrowAnyException();
    }

    @Test
    void preferWithoutCrlAcceptsAValidCertificateButAListedOneIsRefused() throws Exception {
        assertThatCode(() -> verifier(RevocationMode.PREFER).verify(chain(Kind.VALID))).doesNotThrowAnyException();

        assertThatThrownBy(() -> verifier(RevocationMode.PREFER, certificates.crlPem()).verify(chain(Kind.REVOKED)))
                .isInstanceOf(CertificateException.class)
                .hasMessageContaining("is revoked");
        assertThatCode(() -> verifier(RevocationMode.PREFER, certificates.crlPem()).verify(chain(Kind.VALID)))
                .doesNotThrowAnyException();
    }

    @Test
    void offAcceptsARevokedCertificateButStillChecksChainValidityAndPurpose() throws Exception {
        ClientCertificateVerifier off = verifier(RevocationMode.OFF, certificates.crlPem());

        assertThatCode(() -> off.verify(chain(Kind.REVOKED))).doesNotThrowAnyException();
        for (Kind kind : List.of(Kind.EXPIRED, Kind.NOT_YET_VALID, Kind.WRONG_CA, Kind.WRONG_EKU)) {
            assertThat(accepts(off, chain(kind))).as(kind.toString()).isFalse();
        }
    }

    @Test
    void pinnedCertificateIsAcceptedWithoutAnyTrustAnchorOrCrl() throws Exception {
        X509Certificate pinned = chain(Kind.VALID)[0];
        ClientCertificateVerifier verifier = new ClientCertificateVerifier(List.of(), List.of(pinned),
                RevocationMode.REQUIRE, new CrlFiles(List.of(), Clock.systemUTC()), Clock.systemUTC());

        assertThatCode(() -> verifier.verify(new X509Certificate[] {pinned})).doesNotThrowAnyException();
        X509Certificate other = chain(Kind.REVOKED)[0];
        assertThatThrownBy(() -> verifier.verify(chain(Kind.REVOKED)))
                .isInstanceOf(CertificateException.class)
                .hasMessage("certificate serial " + other.getSerialNumber().toString(16)
                        + " is not one of the pinned certificates");
        assertThat(verifier.getAcceptedIssuers()).isEmpty();
    }

    @Test
    void pinnedCertificateMustStillBeCurrentAndForClientAuth() throws Exception {
        X509Certificate expired = chain(Kind.EXPIRED)[0];
        X509Certificate serverOnly = chain(Kind.WRONG_EKU)[0];
        ClientCertificateVerifier verifier = new ClientCertificateVerifier(List.of(), List.of(expired, serverOnly),
                RevocationMode.OFF, new CrlFiles(List.of(), Clock.systemUTC()), Clock.systemUTC());

        assertThat(accepts(verifier, new X509Certificate[] {expired})).isFalse();
        assertThat(accepts(verifier, new X509Certificate[] {serverOnly})).isFalse();
    }

    @Test
    void noTrustAnchorAndNoPinIsAConfigurationError() {
        assertThatThrownBy(() -> new ClientCertificateVerifier(List.of(), List.of(), RevocationMode.OFF,
                new CrlFiles(List.of(), Clock.systemUTC()), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no client could connect");
    }

    @Test
    void crlFilesPicksUpARewrittenFileAfterAtMostOnePoll() throws Exception {
        Path crlFile = Files.copy(certificates.crlPem(), temp.resolve("watched-crl.pem"));
        SettableClock clock = new SettableClock(Instant.now());
        CrlFiles crls = new CrlFiles(List.of(crlFile), clock);
        ClientCertificateVerifier verifier = new ClientCertificateVerifier(anchors, List.of(), RevocationMode.REQUIRE,
                crls, clock);
        long before = crls.current().generation();
        assertThat(accepts(verifier, chain(Kind.VALID))).isTrue();

        // Another copy of the PKI revokes the valid certificate; its CRL replaces the watched file.
        Path copy = copyOfPki("revokes-valid");
        FacilityPki pki = new FacilityPki(copy, Clock.systemUTC(), new SecureRandom(), change -> { }, "test");
        pki.revoke(certificates.get(Kind.VALID).serial(), RevocationReason.KEY_COMPROMISE);
        pki.publishCrl(Duration.ofDays(1));
        Files.copy(copy.resolve(certificates.crlPem().getFileName()), crlFile,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(crlFile, FileTime.from(Instant.now().plusSeconds(5)));

        assertThat(crls.current().generation()).as("not looked at again within one poll").isEqualTo(before);
        clock.advance(CrlFiles.POLL);
        CrlFiles.Snapshot after = crls.current();
        assertThat(after.generation()).isGreaterThan(before);
        assertThat(after.crls()).singleElement()
                .satisfies(crl -> assertThat(crl.getRevokedCertificate(certificates.get(Kind.VALID).serial())).isNotNull());
        assertThat(verifier.crlGeneration()).isEqualTo(after.generation());
        assertThatThrownBy(() -> verifier.verify(chain(Kind.VALID))).hasMessageContaining("is revoked");

        clock.advance(CrlFiles.POLL);
        assertThat(crls.current().generation()).as("an unchanged file is not read again").isEqualTo(after.generation());
    }

    /** A copy of the facility PKI directory, so a test can publish a CRL without changing the shared one. */
    private static Path copyOfPki(String name) throws IOException {
        Path source = certificates.pki().path();
        Path target = temp.resolve(name);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(source.relativize(file).toString()),
                        java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return target;
    }

    /** A clock the test moves forward by hand. */
    private static final class SettableClock extends Clock {
        private volatile Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
