package org.ward.engine;

import java.io.IOException;
import java.security.GeneralSecurityException;
import org.apache.camel.support.jsse.CipherSuitesParameters;
import org.apache.camel.support.jsse.ClientAuthentication;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.SSLContextServerParameters;
import org.apache.camel.support.jsse.SecureSocketProtocolsParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.ward.config.TlsConfig;
import org.ward.tls.KeyMaterial;
import org.ward.tls.TlsProtocol;
import org.ward.tls.TrustAnchors;

/**
 * A listener's TLS settings as camel-netty's {@link SSLContextParameters}: server key from PKCS#12,
 * facility trust anchors, client certificates required, only the configured TLS 1.3/1.2 protocols
 * and BCP195 suites enabled (ITI-19 "STX: TLS 1.2 floor using BCP195").
 */
final class CamelTlsParameters {

    private CamelTlsParameters() {
    }

    static SSLContextParameters forServer(TlsConfig tls) throws IOException, GeneralSecurityException {
        KeyMaterial keys = KeyMaterial.load(tls.keyStore(), tls.keyStorePasswordFile());
        KeyStoreParameters keyStore = new KeyStoreParameters();
        keyStore.setKeyStore(keys.keyStore());
        KeyManagersParameters keyManagers = new KeyManagersParameters();
        keyManagers.setKeyStore(keyStore);
        keyManagers.setKeyPassword(new String(keys.password()));

        TrustManagersParameters trustManagers = new TrustManagersParameters();
        trustManagers.setTrustManager(TrustAnchors.trustManager(tls.trustAnchors()));

        SecureSocketProtocolsParameters protocols = new SecureSocketProtocolsParameters();
        protocols.setSecureSocketProtocol(tls.protocols().stream().map(TlsProtocol::jsseName).toList());
        CipherSuitesParameters suites = new CipherSuitesParameters();
        suites.setCipherSuite(tls.cipherSuites());

        SSLContextServerParameters server = new SSLContextServerParameters();
        server.setClientAuthentication(ClientAuthentication.REQUIRE.name());

        SSLContextParameters parameters = new SSLContextParameters();
        parameters.setSecureSocketProtocol("TLS");
        parameters.setKeyManagers(keyManagers);
        parameters.setTrustManagers(trustManagers);
        parameters.setSecureSocketProtocols(protocols);
        parameters.setCipherSuites(suites);
        parameters.setServerParameters(server);
        return parameters;
    }
}
