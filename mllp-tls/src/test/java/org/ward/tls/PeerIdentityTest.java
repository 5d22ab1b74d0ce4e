package org.ward.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ward.pki.DevelopmentPki;
import org.ward.pki.DevelopmentPkiFiles;
import org.ward.pki.Pkcs12Files;

class PeerIdentityTest {

    @Test
    void readsSubjectIssuerSerialAndSubjectAltNamesOfADeviceCertificate(@TempDir Path dir) throws Exception {
        DevelopmentPkiFiles pki = DevelopmentPki.ensure(dir.resolve("pki"));
        X509Certificate device = Pkcs12Files.load(pki.deviceP12(), pki.devicePassword()).certificate();

        PeerIdentity peer = PeerIdentity.of(device);

        assertThat(peer.subject()).startsWith("SERIALNUMBER=").endsWith(",CN=dev-monitor-1");
        assertThat(peer.issuer()).contains("CN=");
        assertThat(peer.serial()).isEqualTo(device.getSerialNumber());
        assertThat(peer.deviceEui64()).hasValueSatisfying(eui -> {
            assertThat(eui).matches("[0-9a-f]{16}");
            assertThat(peer.subject()).contains("SERIALNUMBER=" + eui);
        });
        assertThat(peer.uris()).singleElement().asString().startsWith("urn:dev:mac:");
    }

    @Test
    void serverCertificateHasDnsAndIpNamesAndNoDeviceIdentity(@TempDir Path dir) throws Exception {
        DevelopmentPkiFiles pki = DevelopmentPki.ensure(dir.resolve("pki"));
        PeerIdentity server = PeerIdentity.of(Pkcs12Files.load(pki.serverP12(), pki.serverPassword()).certificate());
        assertThat(server.dnsNames()).containsExactly("localhost");
        assertThat(server.ipAddresses()).hasSize(2).contains("127.0.0.1");
        assertThat(server.deviceEui64()).isEmpty();
    }

    @Test
    void theDeviceEui64IsTheFirstUrnWithSixteenHexDigits() {
        assertThat(withUris("urn:dev:mac:0011223344AABBCC").deviceEui64()).hasValue("0011223344aabbcc");
        assertThat(withUris("URN:DEV:MAC:0011223344aabbcc").deviceEui64()).hasValue("0011223344aabbcc");
        assertThat(withUris("urn:dev:mac:0011223344aabb", "urn:dev:mac:0011223344aabbccdd",
                "urn:dev:mac:0011223344aabbcg", "urn:dev:ow:0011223344aabbcc").deviceEui64()).isEmpty();
        assertThat(withUris("urn:dev:mac:00112233-4aabbcc", "urn:dev:mac:ffeeddccbbaa9988").deviceEui64())
                .hasValue("ffeeddccbbaa9988");
    }

    private static PeerIdentity withUris(String... uris) {
        return new PeerIdentity("CN=x", "CN=ca", java.math.BigInteger.ONE, java.util.List.of(), java.util.List.of(),
                java.util.List.of(uris));
    }
}
