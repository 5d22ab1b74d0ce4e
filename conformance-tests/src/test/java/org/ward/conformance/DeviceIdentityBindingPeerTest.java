package org.ward.conformance;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.ward.engine.Pcd01Samples;
import org.ward.engine.WardFixture;
import org.ward.pki.DevelopmentPkiFiles;
import org.ward.tls.KeyMaterial;
import org.ward.tls.PeerIdentity;

/**
 * {@code bind-device-identity: true} through a real TLS client ({@code openssl s_client} with the
 * development device certificate, EUI-64 "A" in its {@code urn:dev:mac:} subjectAltName): a PCD-01
 * whose MSH-3 (HD-2 with HD-3 {@code EUI-64}, IHE PCD TF-2 B.1) or any OBX-18 (EI with
 * {@code EUI-64}, B.8) names another device "B" is refused at that field with ERR 103 and recorded
 * as a Security Alert (110113 / 110126) naming both devices; naming A everywhere is accepted and
 * recorded as an Import (110107, PCD-01) of the patient.
 */
class DeviceIdentityBindingPeerTest {

    /** The devices the shipped sample names in MSH-3 and OBX-18 (OBX 1). */
    private static final String SAMPLE_MSH3_DEVICE = "ACDE48234567ABCD";
    private static final String SAMPLE_OBX18_DEVICE = "0123456789ABCDEF";
    private static final String PATIENT = "789567^^^Imaginary Hospital^PI";
    private static final long REPLY_MILLIS = 10_000;

    @TempDir
    static Path dir;
    static WardFixture ward;
    static OpensslClient device;
    /** The EUI-64 of the device certificate, lower-case hex as Ward reads it. */
    static String deviceA;
    /** A device the certificate does not vouch for. */
    static String deviceB;

    @BeforeAll
    static void start() throws Exception {
        ward = WardFixture.start(dir, WardFixture.options().listener("    bind-device-identity: true"));
        DevelopmentPkiFiles pki = ward.pki();
        device = OpensslClient.trusting(pki.trustAnchors())
                .withCredential(Openssl.pemFromPkcs12(pki.deviceP12(), pki.devicePassword(), dir, "device"));
        KeyStore keys = KeyMaterial.load(pki.deviceP12(), pki.devicePassword()).keyStore();
        X509Certificate certificate = Collections.list(keys.aliases()).stream()
                .filter(alias -> isKey(keys, alias))
                .map(alias -> certificate(keys, alias)).findFirst().orElseThrow();
        deviceA = PeerIdentity.of(certificate).deviceEui64()
                .orElseThrow(() -> new AssertionError("the development device certificate has no EUI-64"));
        deviceB = deviceA.equals("fedcba9876543210") ? "fedcba9876543211" : "fedcba9876543210";
        System.out.println("device certificate EUI-64 A = " + deviceA + ", other device B = " + deviceB);
    }

    @AfterAll
    static void stop() throws IOException {
        if (ward != null) {
            ward.close();
        }
    }

    @Test
    void msh3NamingAnotherDeviceGetsArAtMsh3InOriginalMode() throws Exception {
        String message = originalMode(pcd01("BIND-MSH3", deviceB, deviceA));

        List<String> ack = exchange(message, 1).get(0);

        assertThat(msa(ack)).isEqualTo("MSA|AR|BIND-MSH3");
        assertThat(err(ack)).startsWith("ERR||MSH^1^3^1^2|103^");
        assertMismatchAlert(deviceB);
        assertThat(ward.audit().invalid()).isEmpty();
    }

    @Test
    void msh3NamingAnotherDeviceGetsCrInEnhancedMode() throws Exception {
        String message = enhancedMode(pcd01("BIND-MSH3-AL", deviceB, deviceA), "NE");

        List<String> ack = exchange(message, 1).get(0);

        assertThat(msa(ack)).isEqualTo("MSA|CR|BIND-MSH3-AL");
        assertThat(err(ack)).startsWith("ERR||MSH^1^3^1^2|103^");
        assertThat(ward.audit().invalid()).isEmpty();
    }

    @Test
    void anyObx18NamingAnotherDeviceGetsArAtThatObx() throws Exception {
        // OBX 1 names A (as MSH-3 does); OBX 4 gets an OBX-18 naming B.
        String message = originalMode(withObx18(pcd01("BIND-OBX", deviceA, deviceA), 4,
                deviceB.toUpperCase(Locale.ROOT) + "^EUI-64"));

        List<String> ack = exchange(message, 1).get(0);

        assertThat(msa(ack)).isEqualTo("MSA|AR|BIND-OBX");
        assertThat(err(ack)).startsWith("ERR||OBX^4^18^1^1|103^");
        assertMismatchAlert(deviceB);
        assertThat(ward.audit().invalid()).isEmpty();
    }

    @Test
    void obx18NamingAnotherDeviceGetsCrInEnhancedMode() throws Exception {
        String message = enhancedMode(pcd01("BIND-OBX-AL", deviceA, deviceB), "NE");

        List<String> ack = exchange(message, 1).get(0);

        assertThat(msa(ack)).isEqualTo("MSA|CR|BIND-OBX-AL");
        assertThat(err(ack)).startsWith("ERR||OBX^1^18^1^1|103^");
        assertThat(ward.audit().invalid()).isEmpty();
    }

    @Test
    void theCertificatesOwnDeviceEverywhereGetsAaAndAnImportRecord() throws Exception {
        // The sample's MSH-15/16 = NE/AL: PCD TF-2 B.1 requires both, so a PCD-01 is never in original mode.
        List<String> ack = exchange(pcd01("BIND-OK", deviceA, deviceA), 1).get(0);

        assertThat(msa(ack)).isEqualTo("MSA|AA|BIND-OK");
        assertThat(ack).noneMatch(segment -> segment.startsWith("ERR|"));
        Document record = awaitImport("BIND-OK");
        assertThat(AuditXml.xpath(record, "//EventIdentification/@EventOutcomeIndicator")).isEqualTo("0");
        assertThat(AuditXml.xpath(record, "//EventTypeCode/@csd-code")).isEqualTo("PCD-01");
        assertThat(AuditXml.xpath(record, "//ParticipantObjectIdentification/@ParticipantObjectID")).isEqualTo(PATIENT);
        assertThat(AuditXml.xpath(record, "//ActiveParticipant[@AlternativeUserID]/@AlternativeUserID"))
                .as("the authenticated device").isEqualTo(deviceA);
        assertThat(ward.audit().invalid()).isEmpty();
    }

    @Test
    void theCertificatesOwnDeviceInEnhancedModeGetsCaThenAa() throws Exception {
        List<List<String>> acks = exchange(enhancedMode(pcd01("BIND-OK-AL", deviceA, deviceA), "AL"), 2);

        assertThat(msa(acks.get(0))).isEqualTo("MSA|CA|BIND-OK-AL");
        assertThat(msa(acks.get(1))).isEqualTo("MSA|AA|BIND-OK-AL");
        awaitImport("BIND-OK-AL");
        assertThat(ward.audit().invalid()).isEmpty();
    }

    /** The sample PCD-01 with MSH-10 {@code controlId}, naming {@code msh3} in MSH-3 and {@code obx18} in OBX-18. */
    private static String pcd01(String controlId, String msh3, String obx18) {
        String message = Pcd01Samples.withControlId(Pcd01Samples.bloodPressure(), controlId);
        assertThat(message).contains("^" + SAMPLE_MSH3_DEVICE + "^EUI-64|", "|" + SAMPLE_OBX18_DEVICE + "^EUI-64");
        String msh = message.substring(0, message.indexOf('\r'))
                .replace(SAMPLE_MSH3_DEVICE, msh3.toUpperCase(Locale.ROOT));
        return msh + message.substring(message.indexOf('\r'))
                .replace("|" + SAMPLE_OBX18_DEVICE + "^EUI-64", "|" + obx18.toUpperCase(Locale.ROOT) + "^EUI-64");
    }

    /** HL7 v2.6 §2.9.2: original acknowledgment mode when MSH-15 and MSH-16 are empty. */
    private static String originalMode(String message) {
        return Pcd01Samples.withMsh(Pcd01Samples.withMsh(message, 15, ""), 16, "");
    }

    /** Enhanced mode: MSH-15 AL (accept acknowledgment always), MSH-16 {@code applicationAck}. */
    private static String enhancedMode(String message, String applicationAck) {
        return Pcd01Samples.withMsh(Pcd01Samples.withMsh(message, 15, "AL"), 16, applicationAck);
    }

    /** {@code message} with OBX-18 of the {@code n}-th OBX set to {@code value}. */
    private static String withObx18(String message, int n, String value) {
        String[] segments = message.split("\r", -1);
        int seen = 0;
        for (int i = 0; i < segments.length; i++) {
            if (segments[i].startsWith("OBX|") && ++seen == n) {
                String[] fields = Arrays.copyOf(segments[i].split("\\|", -1), Math.max(19,
                        segments[i].split("\\|", -1).length));
                Arrays.setAll(fields, j -> fields[j] == null ? "" : fields[j]);
                fields[18] = value;
                segments[i] = String.join("|", fields);
                return String.join("\r", segments);
            }
        }
        throw new IllegalArgumentException("no OBX " + n);
    }

    /** Sends {@code message} over one s_client connection and returns the first {@code replies} ACKs' segments. */
    private static List<List<String>> exchange(String message, int replies) throws Exception {
        try (OpensslSession session = OpensslSession.open(device, ward.port())) {
            session.send(message.getBytes(ISO_8859_1));
            List<List<String>> acks = new java.util.ArrayList<>();
            for (int i = 0; i < replies; i++) {
                acks.add(session.awaitReply(REPLY_MILLIS));
            }
            return acks;
        }
    }

    private static String msa(List<String> ack) {
        return ack.stream().filter(segment -> segment.startsWith("MSA|")).findFirst()
                .orElseThrow(() -> new AssertionError("no MSA in " + ack));
    }

    private static String err(List<String> ack) {
        List<String> errs = ack.stream().filter(segment -> segment.startsWith("ERR|")).toList();
        assertThat(errs).as("ERR segments of " + ack).hasSize(1);
        return errs.get(0);
    }

    /** The Security Alert for a device identity mismatch claiming {@code claimed}, for certificate device A. */
    private static void assertMismatchAlert(String claimed) throws InterruptedException {
        Document alert = await("Security Alert claiming " + claimed, doc ->
                AuditXml.count(doc, AuditXml.NODE_AUTHENTICATION_ALERT) == 1
                        && AuditXml.count(doc, "//ParticipantObjectDetail[@type='Claimed Device ID']") == 1
                        && AuditXml.detail(doc, "Claimed Device ID").equals(claimed));
        assertThat(AuditXml.detail(alert, "Certificate Device ID")).isEqualTo(deviceA);
        assertThat(AuditXml.xpath(alert, "//EventIdentification/@EventOutcomeIndicator")).isEqualTo("4");
        assertThat(AuditXml.xpath(alert, "//ActiveParticipant[@UserIsRequestor='true']/@NetworkAccessPointID"))
                .isEqualTo("127.0.0.1");
    }

    /** The Import (110107) whose patient carries MSH-10 {@code controlId} (base64 ParticipantObjectDetail). */
    private static Document awaitImport(String controlId) throws InterruptedException {
        String msh10 = Base64.getEncoder().encodeToString(controlId.getBytes(ISO_8859_1));
        return await("Import of " + controlId, doc ->
                AuditXml.xpath(doc, "/AuditMessage/EventIdentification/EventID/@csd-code").equals("110107")
                        && AuditXml.count(doc, "//ParticipantObjectDetail[@type='MSH-10' and @value='" + msh10 + "']") == 1);
    }

    /** The first audit record matching {@code test}, waited for up to 5 s. */
    private static Document await(String what, java.util.function.Predicate<Document> test) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        do {
            for (Document doc : AuditXml.records(ward.audit())) {
                if (test.test(doc)) {
                    return doc;
                }
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no " + what + " among the audit records:\n" + String.join("\n", ward.audit().xml()));
    }

    private static boolean isKey(KeyStore keys, String alias) {
        try {
            return keys.isKeyEntry(alias);
        } catch (java.security.KeyStoreException e) {
            throw new AssertionError(e);
        }
    }

    private static X509Certificate certificate(KeyStore keys, String alias) {
        try {
            return (X509Certificate) keys.getCertificate(alias);
        } catch (java.security.KeyStoreException e) {
            throw new AssertionError(e);
        }
    }
}
