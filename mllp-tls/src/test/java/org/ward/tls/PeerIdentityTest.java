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
}
