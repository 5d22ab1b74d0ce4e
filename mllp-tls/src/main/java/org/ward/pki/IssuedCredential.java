package org.ward.pki;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * What {@link FacilityPki#issue} produced: the registered record and the files written.
 *
 * @param record       the registry entry
 * @param certificate  the new end-entity certificate
 * @param p12          key and chain [leaf, issuing, root], PKCS#12
 * @param passwordFile the generated password of {@code p12}
 * @param chainPem     the chain [leaf, issuing, root] in PEM
 */
public record IssuedCredential(IssuedCertificate record, X509Certificate certificate, Path p12, Path passwordFile,
        Path chainPem) {

    public IssuedCredential {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(p12, "p12");
        Objects.requireNonNull(passwordFile, "passwordFile");
        Objects.requireNonNull(chainPem, "chainPem");
    }

    public List<Path> files() {
        return List.of(p12, passwordFile, chainPem);
    }
}
