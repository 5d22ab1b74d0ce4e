package org.ward.conformance;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.ward.engine.Pcd01Samples;
import org.ward.engine.WardFixture;
import org.ward.pki.Eui64;
import org.ward.pki.FacilityPki;
import org.ward.pki.IssueRequest;
import org.ward.pki.IssuedCredential;
import org.ward.pki.RevocationReason;
import org.ward.pki.TestCertificates;
import org.ward.pki.TestCertificates.Kind;

/**
 * Revocation against a real TLS client, {@code openssl s_client}: a revoked certificate never gets
 * a connection, and a certificate revoked while its connection is open loses that connection
 * within the listener's {@code revocation-recheck} (IHE ITI-19 §3.19.6.1), while other connections
 * carry on. Each refusal and each closed connection is a Security Alert (DICOM 110113, 110126 Node
 * Authentication) in the audit trail (ITI-20).
 */
class RevocationPeerTest {

    /** The listener's {@code revocation-recheck}; the CRL file watch should act faster still. */
    private static final Duration RECHECK = Duration.ofSeconds(2);
    /** What s_client may take to notice the closed connection and exit, on top of Ward's deadline. */
    private static final long PEER_EXIT_GRACE_MILLIS = 500;
    private static final long REPLY_MILLIS = 10_000;

    @TempDir
    static Path dir;
    static TestCertificates certificates;
    static FacilityPki pki;
    static WardFixture ward;

    @BeforeAll
    static void start() throws Exception {
        System.out.println("Peer: " + Openssl.version());
        certificates = TestCertificates.create(dir.resolve("certificates"));
        pki = new FacilityPki(certificates.pki().path(), Clock.systemUTC(), new SecureRandom(), change -> { },
                "RevocationPeerTest");
        ward = WardFixture.start(Files.createDirectories(dir.resolve("ward")), WardFixture.options()
                .pki(certificates.trustAnchors(), certificates.server().p12(), certificates.server().passwordFile())
                .tls("      revocation: require", "      crls: [" + certificates.crlPem() + "]",
                        "      revocation-recheck: " + RECHECK.toSeconds() + "s"));
    }

    @AfterAll
    static void stop() throws IOException {
        if (ward != null) {
            ward.close();
        }
    }

    private static OpensslClient client(Path p12, Path passwordFile, String name) {
        return OpensslClient.trusting(certificates.trustAnchors())
                .withCredential(Openssl.pemFromPkcs12(p12, passwordFile, dir, name));
    }

    private static byte[] pcd01(String controlId) {
        return Pcd01Samples.withControlId(Pcd01Samples.bloodPressure(), controlId).getBytes(ISO_8859_1);
    }

    @Test
    void revokedCertificateIsRefusedAndTheRefusalIsASecurityAlertNamingTheCertificate() throws Exception {
        TestCertificates.TestCredential revoked = certificates.get(Kind.REVOKED);
        long received = ward.stats().receivedCount();

        OpensslClient.Exchange exchange = client(revoked.p12(), revoked.passwordFile(), "revoked")
                .exchange(ward.port(), OpensslClient.frame(pcd01("REVOKED-1")));
        System.out.println("Refused as expected:\n" + exchange);

        assertThat(exchange.exitStatus()).as("s_client ends by itself, unsuccessfully\n" + exchange)
                .hasValueSatisfying(status -> assertThat(status).isNotZero());
        assertThat(exchange.alert()).as("Ward's fatal alert\n" + exchange).isPresent().get()
                .isIn(TlsAlert.CERTIFICATE_UNKNOWN, TlsAlert.CERTIFICATE_REVOKED, TlsAlert.BAD_CERTIFICATE);
        assertThat(exchange.sawStartBlock()).as("0x0B on s_client's stdout\n" + exchange).isFalse();
        assertThat(exchange.stdout()).isEmpty();
        assertThat(ward.stats().receivedCount()).as("messages that reached HL7 processing").isEqualTo(received);

        Document alert = awaitNodeAuthenticationAlert(revoked.serial(), "4");
        assertThat(AuditXml.xpath(alert, "//EventOutcomeDescription")).containsIgnoringCase("revoked");
        assertThat(AuditXml.xpath(alert, "//ActiveParticipant[@UserIsRequestor='true']/@NetworkAccessPointID"))
                .as("the refused peer opened the connection").isEqualTo("127.0.0.1");
        assertThat(ward.audit().invalid()).isEmpty();
    }

    @Test
    void certificateRevokedDuringItsConnectionLosesItWithinTheRecheckWhileOthersStay() throws Exception {
        IssuedCredential doomed = pki.issue(IssueRequest.device("doomed-monitor", new Eui64("02000000000000b1"), 30),
                "doomed-monitor");
        TestCertificates.TestCredential valid = certificates.get(Kind.VALID);
        try (OpensslSession doomedSession = OpensslSession.open(
                    client(doomed.p12(), doomed.passwordFile(), "doomed"), ward.port());
             OpensslSession validSession = OpensslSession.open(
                    client(valid.p12(), valid.passwordFile(), "valid"), ward.port())) {
            doomedSession.send(pcd01("DOOMED-1"));
            assertThat(doomedSession.awaitMsa(REPLY_MILLIS)).as(doomedSession.toString()).isEqualTo("MSA|AA|DOOMED-1");
            validSession.send(pcd01("VALID-1"));
            assertThat(validSession.awaitMsa(REPLY_MILLIS)).as(validSession.toString()).isEqualTo("MSA|AA|VALID-1");

            pki.revoke(doomed.certificate().getSerialNumber(), RevocationReason.KEY_COMPROMISE);
            pki.publishCrl(TestCertificates.CRL_VALIDITY);
            long published = System.nanoTime();
            boolean closed = doomedSession.awaitExit(RECHECK.toMillis() + PEER_EXIT_GRACE_MILLIS);
            long latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - published);
            System.out.println("revocation latency: " + (closed ? latency + " ms" : "not closed within " + latency + " ms")
                    + " (publish of the CRL to the end of the s_client connection; revocation-recheck "
                    + RECHECK.toSeconds() + " s)");

            assertThat(closed).as("Ward closed the revoked connection within revocation-recheck %s\n%s", RECHECK,
                    doomedSession).isTrue();
            assertThat(validSession.isAlive()).as("the valid connection is still up\n" + validSession).isTrue();
            validSession.send(pcd01("VALID-2"));
            assertThat(validSession.awaitMsa(REPLY_MILLIS)).as(validSession.toString()).isEqualTo("MSA|AA|VALID-2");
        }

        Document alert = awaitNodeAuthenticationAlert(doomed.certificate().getSerialNumber(), "8");
        assertThat(AuditXml.xpath(alert, "//EventOutcomeDescription")).containsIgnoringCase("revoked");
        assertThat(AuditXml.xpath(alert, "//ParticipantObjectIdentification/@ParticipantObjectID"))
                .contains("CN=doomed-monitor");
        assertThat(nodeAuthenticationAlerts(doomed.certificate().getSerialNumber(), "8"))
                .as("one closed connection, one alert (the periodic re-check and the CRL watch may both see it)")
                .hasSize(1);
        assertThat(ward.audit().invalid()).isEmpty();
    }

    /**
     * The Security Alert (110113 / 110126 Node Authentication) with outcome {@code outcome} about
     * the certificate with {@code serial}, waited for up to 5 s: Ward writes it from its event loop.
     */
    private static Document awaitNodeAuthenticationAlert(BigInteger serial, String outcome) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        do {
            Optional<Document> found = nodeAuthenticationAlerts(serial, outcome).stream().findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no Security Alert (Node Authentication, outcome " + outcome + ") for certificate "
                + serial.toString(16) + " among the audit records:\n" + String.join("\n", ward.audit().xml()));
    }

    /** Every Node Authentication alert so far with {@code outcome} naming the certificate with {@code serial}. */
    private static List<Document> nodeAuthenticationAlerts(BigInteger serial, String outcome) {
        String serialHex = serial.toString(16).toUpperCase(Locale.ROOT);
        return AuditXml.records(ward.audit()).stream()
                .filter(doc -> AuditXml.count(doc, AuditXml.NODE_AUTHENTICATION_ALERT) == 1)
                .filter(doc -> AuditXml.xpath(doc, "//EventIdentification/@EventOutcomeIndicator").equals(outcome))
                .filter(doc -> AuditXml.count(doc, "//ParticipantObjectDetail[@type='Certificate Serial']") == 1
                        && AuditXml.detail(doc, "Certificate Serial").equals(serialHex))
                .toList();
    }
}
