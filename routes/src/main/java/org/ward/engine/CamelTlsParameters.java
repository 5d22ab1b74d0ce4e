package org.ward.engine;

import java.io.IOException;
import java.security.GeneralSecurityException;
import javax.net.ssl.X509TrustManager;
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

/**
 * A listener's TLS settings as camel-netty's {@link SSLContextParameters}: server key from PKCS#12,
 * client certificates required and judged by Ward's verifier (anchors, pins, CRLs), only the configured TLS 1.3/1.2 protocols
 * and BCP195 suites enabled (ITI-19 "STX: TLS 1.2 floor using BCP195").
 */
final class CamelTlsParameters {

    private CamelTlsParameters() {
    }

    static SSLContextParameters forServer(TlsConfig tls, X509TrustManager clients) throws IOException, GeneralSecurityException {
        KeyMaterial keys = KeyMaterial.load(tls.keyStore(), tls.keyStorePasswordFile());
        KeyStoreParameters keyStore = new KeyStoreParameters();
        keyStore.setKeyStore(keys.keyStore());
        KeyManagersParameters keyManagers = new KeyManagersParameters();
        keyManagers.setKeyStore(keyStore);
        keyManagers.setKeyPassword(new String(keys.password()));

        TrustManagersParameters trustManagers = new TrustManagersParameters();
        trustManagers.setTrustManager(clients);

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
