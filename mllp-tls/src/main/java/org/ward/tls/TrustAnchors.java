package org.ward.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.ward.pki.PemCertificates;

/** The facility's trust anchors (a PEM file of CA certificates) as a PKIX trust manager. */
public final class TrustAnchors {

    private TrustAnchors() {
    }

    /** A PKIX trust manager that accepts exactly the chains ending at the anchors in {@code pem}. */
    public static X509TrustManager trustManager(Path pem) throws IOException, GeneralSecurityException {
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        int i = 0;
        for (X509Certificate certificate : PemCertificates.read(pem)) {
            anchors.setCertificateEntry("anchor-" + i++, certificate);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(anchors);
        for (TrustManager tm : factory.getTrustManagers()) {
            if (tm instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("the JDK offered no X509TrustManager for PKIX");
    }
}
