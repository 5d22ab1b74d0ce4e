package org.ward.pki;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/** Reads and writes X.509 certificates in PEM (RFC 7468 §5), one or several per file. */
public final class PemCertificates {

    private PemCertificates() {
    }

    /** Every certificate in the file, in file order; at least one, or a {@link PkiException}. */
    public static List<X509Certificate> read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            // The JDK X.509 factory reads concatenated PEM blocks (and DER).
            List<X509Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(in).stream()
                    .map(X509Certificate.class::cast)
                    .toList();
            if (certificates.isEmpty()) {
                throw new PkiException("No certificate in " + file);
            }
            return certificates;
        } catch (CertificateException e) {
            throw new PkiException("Cannot read certificates from " + file, e);
        }
    }

    /** Writes the certificates to a new file (mode 0644: certificates are public). */
    public static void write(Path file, List<X509Certificate> certificates) throws IOException {
        NewFiles.write(file, encode(certificates).getBytes(StandardCharsets.US_ASCII), NewFiles.PUBLIC_FILE);
    }

    /** RFC 7468 §2: base64 in lines of 64 characters between BEGIN and END lines. */
    public static String encode(List<? extends Certificate> certificates) {
        Base64.Encoder base64 = Base64.getMimeEncoder(64, new byte[] {'\n'});
        StringBuilder pem = new StringBuilder();
        for (Certificate certificate : certificates) {
            try {
                pem.append("-----BEGIN CERTIFICATE-----\n")
                        .append(base64.encodeToString(certificate.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            } catch (CertificateEncodingException e) {
                throw new PkiException("Cannot encode certificate", e);
            }
        }
        return pem.toString();
    }
}
