package org.ward.pki;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.SignatureException;
import java.security.cert.CRLException;
import java.security.cert.CRLReason;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

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

    /** The cRLNumber extension's object identifier (RFC 5280 §5.2.3). */
    private static final String CRL_NUMBER_OID = "2.5.29.20";

    /**
     * Reads the CRL in {@code der} and checks it is signed by {@code issuer}; a {@link PkiException}
     * if it is not a CRL, is signed by another key, or lacks the extensions Ward always writes.
     * The JDK's own parser, not Bouncy Castle's: this runs at every start, before the listeners open,
     * and the first class taken from Bouncy Castle's signed jar costs half a second of jar verification.
     */
    static PublishedCrl read(Path der, Path pem, X509Certificate issuer) throws IOException {
        X509CRL crl;
        try (InputStream in = Files.newInputStream(der)) {
            crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
        } catch (IOException | CRLException | CertificateException e) {
            throw new PkiException("Cannot read the CRL in " + der + ": " + e.getMessage(), e);
        }
        try {
            crl.verify(issuer.getPublicKey());
        } catch (SignatureException | InvalidKeyException e) {
            throw new PkiException("The CRL in " + der + " is not signed by the issuing CA");
        } catch (GeneralSecurityException e) {
            throw new PkiException("Cannot check the signature of the CRL in " + der, e);
        }
        if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            throw new PkiException("The CRL in " + der + " names another issuer: " + crl.getIssuerX500Principal());
        }
        byte[] number = crl.getExtensionValue(CRL_NUMBER_OID);
        if (number == null || crl.getNextUpdate() == null) {
            throw new PkiException("The CRL in " + der + " lacks a cRLNumber or nextUpdate (RFC 5280 §5.2.3, §5.1.2.5)");
        }
        Map<BigInteger, RevocationReason> revoked = new TreeMap<>();
        Set<? extends X509CRLEntry> entries = crl.getRevokedCertificates();
        for (X509CRLEntry entry : entries == null ? Set.<X509CRLEntry>of() : entries) {
            CRLReason reason = entry.getRevocationReason();
            revoked.put(entry.getSerialNumber(),
                    reason == null ? RevocationReason.UNSPECIFIED : RevocationReason.ofCode(reason.ordinal()));
        }
        return new PublishedCrl(crlNumber(number, der), crl.getThisUpdate().toInstant(),
                crl.getNextUpdate().toInstant(), revoked, der, pem);
    }

    /**
     * The INTEGER inside an extension value as {@link X509CRL#getExtensionValue} returns it: an OCTET
     * STRING wrapping the DER of {@code CRLNumber ::= INTEGER (0..MAX)}.
     */
    static BigInteger crlNumber(byte[] extensionValue, Path der) {
        byte[] octets = DerTlv.contents(extensionValue, DerTlv.OCTET_STRING, der);
        return new BigInteger(DerTlv.contents(octets, DerTlv.INTEGER, der));
    }
}
