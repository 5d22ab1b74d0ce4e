package org.ward.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.ward.pki.TestCertificates;
import org.ward.tls.KeyMaterial;
import org.ward.tls.TlsContexts;
import org.ward.tls.TrustAnchors;

/** A downstream MLLP/TLS receiver and the ward.yaml lines that route the devices listener to it. */
final class Downstream {

    private Downstream() {
    }

    /** A receiver that answers AA, with the test PKI's server certificate. */
    static MisbehavingReceiver alwaysAa(TestCertificates certificates) throws Exception {
        TestCertificates.TestCredential server = certificates.server();
        SSLContext tls = TlsContexts.sslContext(KeyMaterial.load(server.p12(), server.passwordFile()),
                TrustAnchors.trustManager(certificates.trustAnchors()));
        return MisbehavingReceiver.start(tls, MisbehavingReceiver.Script.always(MisbehavingReceiver.Answer.AA),
                Duration.ofSeconds(4));
    }

    /** Destination {@code ehr} (the receiver) and route {@code vitals} from {@code devices} to it, with {@code when} lines. */
    static String[] routeTo(MisbehavingReceiver receiver, TestCertificates certificates, String... when) {
        TestCertificates.TestCredential wardClient = certificates.get(TestCertificates.Kind.VALID);
        List<String> lines = new ArrayList<>(List.of(
                "destinations:",
                "  - name: ehr",
                "    type: mllp",
                "    host: 127.0.0.1",
                "    port: " + receiver.port(),
                "    key-store: " + wardClient.p12(),
                "    key-store-password-file: " + wardClient.passwordFile(),
                "    trust-anchors: " + certificates.trustAnchors(),
                "    ack-timeout: 2s",
                "routes:",
                "  - name: vitals",
                "    from: devices"));
        lines.addAll(List.of(when));
        lines.add("    to: [ehr]");
        return lines.toArray(String[]::new);
    }
}
