package org.ward.pki;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Builds and signs the issuing CA's CRL (RFC 5280 §5): a complete, non-delta v2 CRL. */
final class CrlSigning {

    private CrlSigning() {
    }

    /**
     * @param revoked certificates to list; each must carry a revocation
     * @return the DER encoding
     */
    static byte[] sign(Credential issuing, BigInteger number, Instant thisUpdate, Instant nextUpdate,
            Collection<IssuedCertificate> revoked) {
        X509Certificate issuer = issuing.certificate();
        X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(issuer, Date.from(thisUpdate));
        builder.setNextUpdate(Date.from(nextUpdate));
        for (IssuedCertificate certificate : revoked) {
            Revocation revocation = certificate.revocation().orElseThrow(
                    () -> new IllegalArgumentException(certificate.serialHex() + " is not revoked"));
            // RFC 5280 §5.3.1: reasonCode SHOULD be absent rather than unspecified (0); BouncyCastle
            // leaves the extension out for 0.
            builder.addCRLEntry(certificate.serial(), Date.from(revocation.time()), revocation.reason().code());
        }
        try {
            // RFC 5280 §5.2.1 and §5.2.3: conforming CRL issuers MUST include both, non-critical.
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    CertificateSigning.extensionUtils().createAuthorityKeyIdentifier(issuer.getPublicKey()));
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
            String algorithm = KeyAlgorithm.of(issuing.privateKey()).signatureAlgorithm();
            X509CRLHolder crl = builder.build(new JcaContentSignerBuilder(algorithm).build(issuing.privateKey()));
            return crl.getEncoded();
        } catch (CertIOException e) {
            throw new PkiException("Cannot encode CRL extensions", e);
        } catch (OperatorCreationException | java.io.IOException e) {
            throw new PkiException("Cannot sign the CRL", e);
        }
    }

    /** RFC 7468 §6: the {@code X509 CRL} label, base64 in lines of 64 characters. */
    static byte[] pem(byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return ("-----BEGIN X509 CRL-----\n" + body + "\n-----END X509 CRL-----\n").getBytes(StandardCharsets.US_ASCII);
    }
}
