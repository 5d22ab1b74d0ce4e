package org.ward.tls;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** Builds JSSE contexts and parameters restricted to Ward's TLS policy. */
public final class TlsContexts {

    private TlsContexts() {
    }

    public static SSLContext sslContext(KeyMaterial keys, X509TrustManager trust) throws GeneralSecurityException {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys.keyStore(), keys.password());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), new TrustManager[] {trust}, new SecureRandom());
        return context;
    }

    /** Parameters for a client: the given protocols and suites, and the server's name checked (RFC 6125). */
    public static SSLParameters clientParameters(List<TlsProtocol> protocols, List<String> cipherSuites) {
        SSLParameters parameters = new SSLParameters();
        parameters.setProtocols(protocols.stream().map(TlsProtocol::jsseName).toArray(String[]::new));
        parameters.setCipherSuites(cipherSuites.toArray(String[]::new));
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        return parameters;
    }
}
