package org.ward.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.ward.config.ListenerConfig;
import org.ward.config.TlsConfig;
import org.ward.pki.PemCertificates;
import org.ward.tls.ClientCertificateVerifier;
import org.ward.tls.CrlFiles;
import org.ward.tls.LiveConnections;
import org.ward.tls.NodeAuthenticationListener;
import org.ward.tls.RevocationMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds a listener's client-certificate verifier and its registry of live connections from config. */
final class ClientAuthentication {

    private static final Logger LOG = LoggerFactory.getLogger(ClientAuthentication.class);

    private ClientAuthentication() {
    }

    static LiveConnections forListener(ListenerConfig listener, Clock clock, NodeAuthenticationListener events)
            throws IOException {
        TlsConfig tls = listener.tls();
        List<X509Certificate> pinned = new ArrayList<>();
        for (Path file : tls.pinnedCertificates()) {
            pinned.addAll(PemCertificates.read(file));
        }
        if (tls.revocation() == RevocationMode.REQUIRE && tls.crls().isEmpty()) {
            LOG.error("[{}] revocation: require but no 'crls' configured: every client certificate will be refused"
                    + " (add tls.crls, or revocation: prefer/off)", listener.name());
        }
        ClientCertificateVerifier verifier = new ClientCertificateVerifier(PemCertificates.read(tls.trustAnchors()),
                pinned, tls.revocation(), new CrlFiles(tls.crls(), clock), clock);
        return new LiveConnections(verifier, events);
    }
}
