package org.ward.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * A CRL the issuing CA signed, as published in the PKI directory.
 *
 * @param number     the cRLNumber extension (RFC 5280 §5.2.3), increasing with every CRL
 * @param thisUpdate when it was issued
 * @param nextUpdate when the next CRL will be issued at the latest; relying parties treat it as stale after
 * @param revoked    the revoked serials it lists, with their reasons
 * @param der        {@code crl.der}: what an HTTP distribution point serves (RFC 5280 §4.2.1.13)
 * @param pem        {@code crl.pem}: the same CRL for {@code openssl ... -CRLfile}
 */
public record PublishedCrl(BigInteger number, Instant thisUpdate, Instant nextUpdate,
        Map<BigInteger, RevocationReason> revoked, Path der, Path pem) {

    public PublishedCrl {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(thisUpdate, "thisUpdate");
        Objects.requireNonNull(nextUpdate, "nextUpdate");
        revoked = Map.copyOf(revoked);
        Objects.requireNonNull(der, "der");
        Objects.requireNonNull(pem, "pem");
    }

    /**
     * Reads the CRL in {@code der} and checks it is signed by {@code issuer}; a {@link PkiException}
     * if it is not a CRL, is signed by another key, or lacks the extensions Ward always writes.
     */
    static PublishedCrl read(Path der, Path pem, X509Certificate issuer) throws IOException {
        X509CRLHolder crl;
        try {
            crl = new X509CRLHolder(Files.readAllBytes(der));
        } catch (IOException e) {
            throw new PkiException("Cannot read the CRL in " + der + ": " + e.getMessage(), e);
        }
        try {
            if (!crl.isSignatureValid(new JcaContentVerifierProviderBuilder().build(issuer))) {
                throw new PkiException("The CRL in " + der + " is not signed by the issuing CA");
            }
        } catch (CertException | OperatorCreationException e) {
            throw new PkiException("Cannot check the signature of the CRL in " + der, e);
        }
        try {
            if (!crl.getIssuer().equals(new JcaX509CertificateHolder(issuer).getSubject())) {
                throw new PkiException("The CRL in " + der + " names another issuer: " + crl.getIssuer());
            }
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new PkiException("Cannot encode the issuing CA certificate", e);
        }
        Extension number = crl.getExtension(Extension.cRLNumber);
        if (number == null || crl.getNextUpdate() == null) {
            throw new PkiException("The CRL in " + der + " lacks a cRLNumber or nextUpdate (RFC 5280 §5.2.3, §5.1.2.5)");
        }
        Map<BigInteger, RevocationReason> revoked = new TreeMap<>();
        for (Object revokedEntry : crl.getRevokedCertificates()) {
            X509CRLEntryHolder entry = (X509CRLEntryHolder) revokedEntry; // BouncyCastle's raw Collection
            Extension reasonCode = entry.getExtensions() == null ? null
                    : entry.getExtensions().getExtension(Extension.reasonCode);
            RevocationReason reason = reasonCode == null ? RevocationReason.UNSPECIFIED
                    : RevocationReason.ofCode(ASN1Enumerated.getInstance(reasonCode.getParsedValue()).intValueExact());
            revoked.put(entry.getSerialNumber(), reason);
        }
        return new PublishedCrl(CRLNumber.getInstance(number.getParsedValue()).getCRLNumber(),
                crl.getThisUpdate().toInstant(), crl.getNextUpdate().toInstant(), revoked, der, pem);
    }
}
