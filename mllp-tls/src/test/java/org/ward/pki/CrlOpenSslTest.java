package org.ward.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ward.pki.TestCertificates.Kind;

/**
 * OpenSSL as the independent verifier of Ward's CRLs: {@code openssl verify -crl_check} accepts a
 * valid certificate and refuses each broken kind for the reason it is broken. Ward's TLS listener
 * must refuse the same set ({@link Kind#accepted()}).
 */
class CrlOpenSslTest {

    @TempDir
    static Path temp;

    private static TestCertificates certificates;

    /**
     * One row: a certificate, the purpose it is verified for, and OpenSSL's verdict (empty means
     * accepted). The messages are OpenSSL's X509_verify_cert_error_string texts.
     */
    record Expectation(Kind kind, String purpose, Optional<String> refusal) {
        @Override
        public String toString() {
            return kind + " as " + purpose + " → " + refusal.orElse("OK");
        }
    }

    static Stream<Expectation> table() {
        return Stream.of(
                new Expectation(Kind.VALID, "sslclient", Optional.empty()),
                new Expectation(Kind.REVOKED, "sslclient", Optional.of("certificate revoked")),
                new Expectation(Kind.EXPIRED, "sslclient", Optional.of("certificate has expired")),
                new Expectation(Kind.NOT_YET_VALID, "sslclient", Optional.of("certificate is not yet valid")),
                new Expectation(Kind.WRONG_CA, "sslclient", Optional.of("unable to get local issuer certificate")),
                new Expectation(Kind.WRONG_EKU, "sslclient", Optional.of("unsuitable certificate purpose")),
                // Control: the wrong-EKU certificate is otherwise sound; only its purpose is wrong.
                new Expectation(Kind.WRONG_EKU, "sslserver", Optional.empty()));
    }

    @BeforeAll
    static void createCertificates() throws Exception {
        certificates = TestCertificates.create(temp);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void opensslVerifyWithCrlCheck(Expectation expectation) throws Exception {
        Path leaf = certificates.get(expectation.kind()).leafPem();
        OpenSsl.Result result = OpenSsl.run("verify", "-x509_strict", "-crl_check", "-purpose", expectation.purpose(),
                "-CAfile", certificates.trustAnchors().toString(),
                "-untrusted", certificates.issuingCaPem().toString(),
                "-CRLfile", certificates.crlPem().toString(),
                leaf.toString());
        if (expectation.refusal().isEmpty()) {
            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output().strip()).isEqualTo(leaf + ": OK");
        } else {
            assertThat(result.exitCode()).as(result.output()).isNotZero();
            assertThat(result.output()).contains(expectation.refusal().get());
        }
    }

    @Test
    void theTableCoversEveryKindAndAgreesWithAccepted() {
        List<Expectation> clientRows = table().filter(e -> e.purpose().equals("sslclient")).toList();
        assertThat(clientRows).extracting(Expectation::kind).containsExactlyInAnyOrder(Kind.values());
        for (Expectation row : clientRows) {
            assertThat(row.refusal().isEmpty()).as(row.toString()).isEqualTo(row.kind().accepted());
        }
        assertThat(Arrays.stream(Kind.values()).filter(Kind::accepted)).containsExactly(Kind.VALID);
    }

    @Test
    void opensslVerifiesTheCrlSignatureAndReadsItsFields() throws Exception {
        OpenSsl.Result verify = OpenSsl.run("crl", "-in", certificates.crlPem().toString(), "-noout",
                "-CAfile", certificates.pki().caChain().toString(), "-verify");
        assertThat(verify.exitCode()).as(verify.output()).isZero();
        assertThat(verify.output()).contains("verify OK");

        OpenSsl.Result text = OpenSsl.run("crl", "-in", certificates.crlDer().toString(), "-inform", "DER",
                "-noout", "-text");
        assertThat(text.exitCode()).as(text.output()).isZero();
        String revokedSerial = IssuedCertificate.hex(certificates.get(Kind.REVOKED).serial());
        assertThat(text.output())
                .contains("Version 2 (0x1)")
                .contains("X509v3 CRL Number:")
                .contains("X509v3 Authority Key Identifier:")
                .contains("Serial Number: " + revokedSerial)
                .contains("Key Compromise")
                .doesNotContain("Serial Number: " + IssuedCertificate.hex(certificates.get(Kind.VALID).serial()));
    }

    @Test
    void theValidCertificateNamesTheCrlAsItsDistributionPoint() throws Exception {
        OpenSsl.Result text = OpenSsl.run("x509", "-in", certificates.get(Kind.VALID).leafPem().toString(),
                "-noout", "-ext", "crlDistributionPoints");
        assertThat(text.exitCode()).as(text.output()).isZero();
        assertThat(text.output()).contains("URI:" + certificates.crlDer().toUri());
    }
}
