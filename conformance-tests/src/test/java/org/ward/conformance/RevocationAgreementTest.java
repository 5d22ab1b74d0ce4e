package org.ward.conformance;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ward.engine.Pcd01Samples;
import org.ward.engine.WardFixture;
import org.ward.pki.OpenSsl;
import org.ward.pki.TestCertificates;
import org.ward.pki.TestCertificates.Kind;

/**
 * An independent verifier and Ward's listener must draw the line between acceptable and refused
 * client certificates in the same place (IHE ITI-19 §3.19.6.1, RFC 5280 §6 with CRLs): for each
 * {@link Kind}, {@code openssl verify -x509_strict -crl_check -purpose sslclient} and a real Ward
 * listener (that PKI's anchors and CRL, {@code revocation: require}), reached by
 * {@code openssl s_client} presenting that certificate, are both asked, and must agree with each
 * other and with {@link Kind#accepted()}.
 */
class RevocationAgreementTest {

    @TempDir
    static Path dir;
    static TestCertificates certificates;
    static WardFixture ward;

    @BeforeAll
    static void start() throws Exception {
        System.out.println("Peer: " + Openssl.version());
        certificates = TestCertificates.create(dir.resolve("certificates"));
        ward = WardFixture.start(Files.createDirectories(dir.resolve("ward")), WardFixture.options()
                .pki(certificates.trustAnchors(), certificates.server().p12(), certificates.server().passwordFile())
                .tls("      revocation: require", "      crls: [" + certificates.crlPem() + "]"));
    }

    @AfterAll
    static void stop() throws IOException {
        if (ward != null) {
            ward.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void opensslVerifyAndWardsListenerAgree(Kind kind) throws Exception {
        TestCertificates.TestCredential credential = certificates.get(kind);
        OpenSsl.Result verify = OpenSsl.run("verify", "-x509_strict", "-crl_check", "-purpose", "sslclient",
                "-CAfile", certificates.trustAnchors().toString(),
                "-untrusted", certificates.issuingCaPem().toString(),
                "-CRLfile", certificates.crlPem().toString(),
                credential.leafPem().toString());
        boolean opensslAccepts = verify.exitCode() == 0;

        byte[] message = Pcd01Samples.withControlId(Pcd01Samples.bloodPressure(), "AGREE-" + kind).getBytes(ISO_8859_1);
        long received = ward.stats().receivedCount();
        OpensslClient client = OpensslClient.trusting(certificates.trustAnchors()).withCredential(
                Openssl.pemFromPkcs12(credential.p12(), credential.passwordFile(), dir, kind.fileName()));
        OpensslClient.Exchange exchange = client.exchange(ward.port(), OpensslClient.frame(message));
        boolean wardAccepts = exchange.sawStartBlock() && exchange.msa().equals("MSA|AA|AGREE-" + kind);
        System.out.printf("%-13s openssl verify: %-7s Ward: %s%n", kind, opensslAccepts ? "OK" : "refused",
                wardAccepts ? "AA" : "refused" + exchange.alert().map(alert -> " (alert " + alert + ")").orElse(""));

        assertThat(wardAccepts).as("Ward vs openssl verify on %s\n%s\n%s", kind, verify.output(), exchange)
                .isEqualTo(opensslAccepts)
                .isEqualTo(kind.accepted());
        if (!wardAccepts) {
            assertThat(exchange.sawStartBlock()).as("0x0B on s_client's stdout\n" + exchange).isFalse();
            assertThat(exchange.alert()).as("fatal alert from Ward\n" + exchange).isPresent();
            assertThat(ward.stats().receivedCount()).as("messages that reached HL7 processing").isEqualTo(received);
        }
        assertThat(ward.audit().invalid()).isEmpty();
    }
}
