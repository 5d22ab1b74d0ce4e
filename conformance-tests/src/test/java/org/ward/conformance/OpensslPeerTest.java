package org.ward.conformance;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.ward.engine.WardFixture;
import org.ward.pki.DevelopmentPki;
import org.ward.pki.DevelopmentPkiFiles;

/**
 * Ward's MLLP/TLS listener against an independent TLS stack: the {@code openssl s_client} tool.
 * Each test runs one s_client process against one in-process engine with its development PKI.
 *
 * <p>Refusals are checked from both ends: s_client must report a fatal alert from Ward and receive
 * no MLLP data, and Ward's listener must not have handed anything to HL7 processing.
 */
class OpensslPeerTest {

    /** RFC 9325 §4.2: TLS 1.2 suites with forward secrecy (ECDHE) and AEAD (AES-GCM), OpenSSL spelling. */
    private static final String BCP195_TLS12_SUITE = "ECDHE-(ECDSA|RSA)-AES(128|256)-GCM-SHA(256|384)";

    @TempDir
    static Path dir;
    static WardFixture ward;
    static OpensslClient device;

    @BeforeAll
    static void start() throws Exception {
        System.out.println("Peer: " + Openssl.version());
        ward = WardFixture.start(dir);
        DevelopmentPkiFiles pki = ward.pki();
        device = OpensslClient.trusting(pki.trustAnchors())
                .withCredential(Openssl.pemFromPkcs12(pki.deviceP12(), pki.devicePassword(), dir, "device"));
    }

    @AfterAll
    static void stop() throws IOException {
        if (ward != null) {
            ward.close();
        }
    }

    /**
     * The IHE PCD-01 requests of the corpus that conform (the ipf-* files but request2, below). The
     * {@code *response*} files are ACKs a receiver sends, not messages a device sends, so they are
     * not inputs here.
     */
    static Stream<Path> pcd01Requests() throws IOException, URISyntaxException {
        return corpus(name -> !name.contains("response") && name.contains("request")
                && !name.equals("ipf-valid-pcd01-request2.hl7v2"), 3);
    }

    /**
     * The valid Continua WAN observations carry MSH-21
     * {@code IHE PCD ORU-R012006^HL7^2.16.840.1.113883.9.n.m^HL7}: the OID is the Continua design
     * guidelines' placeholder, not an OID, so no IHE PCD profile is identified and Ward refuses the
     * message before profile validation (TF-2 Appendix B.1: recognition solely on MSH-21.3).
     */
    static Stream<Path> continuaObservations() throws IOException, URISyntaxException {
        return corpus(name -> name.startsWith("continua-valid-") && !name.contains("response"), 7);
    }

    private static Stream<Path> corpus(java.util.function.Predicate<String> include, int atLeast)
            throws IOException, URISyntaxException {
        URL corpus = OpensslPeerTest.class.getResource("/pcd-01");
        assertThat(corpus).as("test resource folder pcd-01").isNotNull();
        List<Path> requests;
        try (Stream<Path> files = Files.list(Path.of(corpus.toURI()))) {
            requests = files.filter(file -> {
                String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                return include.test(name);
            }).sorted().toList();
        }
        assertThat(requests).as("matching corpus files").hasSizeGreaterThanOrEqualTo(atLeast);
        return requests.stream();
    }

    /** The message with CR segment terminators (HL7 v2.6 §2.5.3), whatever line ends the file had. */
    static byte[] hl7(Path file) throws IOException {
        String text = new String(Files.readAllBytes(file), ISO_8859_1).replace("\r\n", "\r").replace('\n', '\r');
        if (!text.endsWith("\r")) {
            text += "\r";
        }
        return text.getBytes(ISO_8859_1);
    }

    /** MSH-10: MSH-1 is the field separator itself, so MSH-10 is the tenth '|'-separated piece counting "MSH". */
    static String controlId(byte[] message) {
        String msh = new String(message, ISO_8859_1).split("\r", 2)[0];
        return msh.split("\\|", -1)[9];
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pcd01Requests")
    void deviceCertificateGetsAaWithTheMessagesOwnControlId(Path request) throws Exception {
        byte[] message = hl7(request);
        long accepted = ward.stats().acceptedCount();

        OpensslClient.Exchange exchange = device.exchange(ward.port(), OpensslClient.frame(message));

        assertThat(exchange.msa()).as(exchange.toString()).isEqualTo("MSA|AA|" + controlId(message));
        assertThat(ward.stats().acceptedCount()).isEqualTo(accepted + 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("continuaObservations")
    void continuaObservationWithoutAPcdProfileOidGetsArAtMsh21(Path observation) throws Exception {
        byte[] message = hl7(observation);
        long refused = ward.stats().refusedCount();

        OpensslClient.Exchange exchange = device.exchange(ward.port(), OpensslClient.frame(message));

        assertThat(exchange.msa()).as(exchange.toString()).isEqualTo("MSA|AR|" + controlId(message));
        assertThat(exchange.replySegments())
                .anySatisfy(segment -> assertThat(segment).startsWith("ERR||MSH^1^21^1^3|103^Table value not found^HL70357|E"));
        assertThat(ward.stats().refusedCount()).isEqualTo(refused + 1);
    }

    /**
     * IPF's older sample (2008) has MSH-7 and OBR-7 without a time zone offset, which IHE PCD TF-2
     * Appendix B requires: the message is read and recognised, then answered AE with one ERR per
     * timestamp (NE/AL: the application ACK only).
     */
    @Test
    void pcd01WithoutTimeZoneOffsetsGetsAeWithAnErrPerTimestamp() throws Exception {
        Path request2 = corpus(name -> name.equals("ipf-valid-pcd01-request2.hl7v2"), 1).findFirst().orElseThrow();
        byte[] message = hl7(request2);

        OpensslClient.Exchange exchange = device.exchange(ward.port(), OpensslClient.frame(message));

        assertThat(exchange.msa()).as(exchange.toString()).isEqualTo("MSA|AE|" + controlId(message));
        assertThat(exchange.replySegments().stream().filter(s -> s.startsWith("ERR|")).map(s -> s.split("\\|")[2]))
                .contains("MSH^1^7^1", "OBR^1^7^1");
    }

    /**
     * The invalid Continua glucose report values OBX-5 of OBX 8, 9 and 10 without OBX-2: no value
     * type, so the message cannot be read at all; the ERR names the first such field.
     */
    @Test
    void continuaObservationWithoutValueTypeGetsArAtTheFirstUntypedObx() throws Exception {
        Path invalid = corpus(name -> name.equals("continua-invalid-glucose-continua-wan.hl7v2"), 1).findFirst().orElseThrow();
        byte[] message = hl7(invalid);

        OpensslClient.Exchange exchange = device.exchange(ward.port(), OpensslClient.frame(message));

        assertThat(exchange.msa()).as(exchange.toString()).isEqualTo("MSA|AR|" + controlId(message));
        assertThat(exchange.replySegments()).anySatisfy(segment -> assertThat(segment)
                .startsWith("ERR||OBX^8^2^1|101^Required field missing^HL70357|E"));
    }

    @Test
    void clientWithoutCertificateIsRefusedAndNothingIsProcessed() throws Exception {
        OpensslClient anonymous = OpensslClient.trusting(ward.pki().trustAnchors());

        // TLS 1.3: the client's handshake ends before Ward has judged it, so the refusal arrives after
        // s_client says "CONNECTION ESTABLISHED". RFC 8446 §4.4.2.4 suggests certificate_required; JSSE
        // sends bad_certificate ("Empty client certificate chain"). Either is a fatal refusal.
        assertRefused(anonymous, TlsAlert.CERTIFICATE_REQUIRED, TlsAlert.BAD_CERTIFICATE);
    }

    /**
     * Ward trusts only the facility root and does not fetch or keep issuing CAs for its clients, so a
     * device must send its chain (RFC 8446 §4.4.2: intermediates follow the leaf). One that sends its
     * leaf alone cannot be verified and is refused like a stranger.
     */
    @Test
    void deviceCertificateWithoutItsIssuingCaIsRefusedAndNothingIsProcessed() throws Exception {
        assertRefused(device.withoutCaChain(), TlsAlert.CERTIFICATE_UNKNOWN, TlsAlert.BAD_CERTIFICATE,
                TlsAlert.UNKNOWN_CA);
    }

    @Test
    void clientCertificateFromAnotherCaIsRefusedAndNothingIsProcessed(@TempDir Path elsewhere) throws Exception {
        DevelopmentPkiFiles stranger = DevelopmentPki.ensure(elsewhere.resolve("pki"));
        // It trusts Ward's CA, so only Ward's verdict on the client certificate can end the handshake.
        OpensslClient impostor = OpensslClient.trusting(ward.pki().trustAnchors()).withCredential(
                Openssl.pemFromPkcs12(stranger.deviceP12(), stranger.devicePassword(), elsewhere, "stranger"));

        assertRefused(impostor, TlsAlert.CERTIFICATE_UNKNOWN, TlsAlert.BAD_CERTIFICATE, TlsAlert.UNKNOWN_CA);
    }

    /** ITI-19 "STX: TLS 1.2 floor using BCP195" (RFC 9325 §3.1.1): TLS 1.1 and 1.0 are never negotiated. */
    @ParameterizedTest
    @ValueSource(strings = {"-tls1_1", "-tls1"})
    void protocolOlderThanTls12IsRefusedAndNothingIsProcessed(String version) throws Exception {
        // OpenSSL 3 disables TLS < 1.2 at its default security level; SECLEVEL=0 makes s_client really offer it.
        assertRefused(device.withOptions(version, "-cipher", "DEFAULT:@SECLEVEL=0"), TlsAlert.PROTOCOL_VERSION);
    }

    @Test
    void tls12IsAcceptedWithAnEcdheAesGcmSuite() throws Exception {
        byte[] message = hl7(pcd01Requests().findFirst().orElseThrow());

        OpensslClient.Exchange exchange = device.withOptions("-tls1_2")
                .exchange(ward.port(), OpensslClient.frame(message));
        System.out.println("Accepted:\n" + exchange.stderr());

        assertThat(exchange.msa()).as(exchange.toString()).isEqualTo("MSA|AA|" + controlId(message));
        assertThat(exchange.protocol()).as(exchange.toString()).contains("TLSv1.2");
        assertThat(exchange.ciphersuite()).as(exchange.toString()).hasValueSatisfying(
                suite -> assertThat(suite).matches(BCP195_TLS12_SUITE));
    }

    @Test
    void tls13IsAcceptedWithAnAesGcmSuite() throws Exception {
        byte[] message = hl7(pcd01Requests().findFirst().orElseThrow());

        OpensslClient.Exchange exchange = device.withOptions("-tls1_3")
                .exchange(ward.port(), OpensslClient.frame(message));
        System.out.println("Accepted:\n" + exchange.stderr());

        assertThat(exchange.msa()).as(exchange.toString()).isEqualTo("MSA|AA|" + controlId(message));
        assertThat(exchange.protocol()).as(exchange.toString()).contains("TLSv1.3");
        assertThat(exchange.ciphersuite()).as(exchange.toString()).hasValueSatisfying(
                suite -> assertThat(suite).matches("TLS_AES_(128_GCM_SHA256|256_GCM_SHA384)"));
    }

    /**
     * Ward's TLS 1.2 suites are RFC 9325 §4.2's recommended ones: (EC)DHE key exchange with AES-GCM.
     * Each client offers one suite only: AES128-SHA256 (RSA key transport, no forward secrecy, CBC),
     * AES256-GCM-SHA384 (AEAD, but RSA key transport) and ECDHE-ECDSA-AES128-SHA256 (forward secret,
     * but CBC).
     */
    @ParameterizedTest
    @ValueSource(strings = {"AES128-SHA256", "AES256-GCM-SHA384", "ECDHE-ECDSA-AES128-SHA256"})
    void tls12SuiteOutsideBcp195IsRefusedAndNothingIsProcessed(String suite) throws Exception {
        assertRefused(device.withOptions("-tls1_2", "-cipher", suite), TlsAlert.HANDSHAKE_FAILURE,
                TlsAlert.INSUFFICIENT_SECURITY);
    }

    /**
     * One PCD-01 through {@code client}; Ward must end the handshake with one of {@code alerts}, send
     * no MLLP data, and process nothing.
     */
    private static void assertRefused(OpensslClient client, TlsAlert... alerts) throws Exception {
        byte[] message = hl7(pcd01Requests().findFirst().orElseThrow());
        long received = ward.stats().receivedCount();

        OpensslClient.Exchange exchange = client.exchange(ward.port(), OpensslClient.frame(message));
        System.out.println("Refused as expected:\n" + exchange);

        assertThat(exchange.exitStatus()).as("s_client ends by itself, unsuccessfully\n" + exchange)
                .hasValueSatisfying(status -> assertThat(status).isNotZero());
        assertThat(exchange.alert()).as("fatal alert from Ward\n" + exchange).isPresent()
                .get().isIn((Object[]) alerts);
        assertThat(exchange.sawStartBlock()).as("0x0B on s_client's stdout\n" + exchange).isFalse();
        assertThat(exchange.stdout()).as(exchange.toString()).isEmpty();
        assertThat(ward.stats().receivedCount()).as("messages that reached HL7 processing").isEqualTo(received);
    }
}
