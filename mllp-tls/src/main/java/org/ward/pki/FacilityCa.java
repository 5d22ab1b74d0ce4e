package org.ward.pki;

import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

/**
 * The facility's two-level CA: an offline-able root that only certifies the issuing CA, and the
 * issuing CA that signs every node certificate. A compromised issuing CA can then be replaced
 * without re-distributing the trust anchor.
 *
 * @param root                 root CA key and self-signed certificate
 * @param issuing              issuing CA key and chain [issuing, root]
 * @param crlDistributionPoint where relying parties fetch the issuing CA's CRL, if published
 */
public record FacilityCa(Credential root, Credential issuing, Optional<URI> crlDistributionPoint) {

    public static final int ROOT_VALIDITY_YEARS = 10;
    public static final int ISSUING_VALIDITY_YEARS = 5;

    /** The root may certify CAs that certify only end entities (RFC 5280 §4.2.1.9 pathLenConstraint). */
    static final int ROOT_PATH_LENGTH = 1;
    /** The issuing CA certifies end entities only. */
    static final int ISSUING_PATH_LENGTH = 0;

    public FacilityCa {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(issuing, "issuing");
        Objects.requireNonNull(crlDistributionPoint, "crlDistributionPoint");
        requireCa(root.certificate(), "root");
        requireCa(issuing.certificate(), "issuing");
        requireSignedBy(root.certificate(), root.certificate().getPublicKey(), "root CA is not self-signed");
        requireSignedBy(issuing.certificate(), root.certificate().getPublicKey(),
                "issuing CA is not signed by the root CA");
    }

    /** Creates a new root and issuing CA for {@code facilityName}, e.g. "St. Elsewhere". */
    public static FacilityCa create(String facilityName, KeyAlgorithm algorithm, Optional<URI> crlDistributionPoint,
            Clock clock, SecureRandom random) {
        Objects.requireNonNull(facilityName, "facilityName");
        KeyPair rootKeys = algorithm.generateKeyPair(random);
        X500Name rootName = caName(facilityName, "Root CA");
        X509Certificate rootCertificate = caCertificate(rootName, rootKeys.getPublic(), rootName, rootKeys,
                ROOT_VALIDITY_YEARS, ROOT_PATH_LENGTH, clock, random);

        KeyPair issuingKeys = algorithm.generateKeyPair(random);
        X509Certificate issuingCertificate = caCertificate(caName(facilityName, "Issuing CA"),
                issuingKeys.getPublic(), rootName, rootKeys, ISSUING_VALIDITY_YEARS, ISSUING_PATH_LENGTH, clock,
                random);

        return new FacilityCa(
                new Credential(rootKeys.getPrivate(), List.of(rootCertificate)),
                new Credential(issuingKeys.getPrivate(), List.of(issuingCertificate, rootCertificate)),
                crlDistributionPoint);
    }

    public X509Certificate rootCertificate() {
        return root.certificate();
    }

    public X509Certificate issuingCertificate() {
        return issuing.certificate();
    }

    /** The certificates above an end entity: [issuing, root]. */
    public List<X509Certificate> caChain() {
        return List.of(issuingCertificate(), rootCertificate());
    }

    private static X500Name caName(String facilityName, String role) {
        String commonName = facilityName + " " + role;
        if (facilityName.isBlank() || commonName.length() > IssueRequest.MAX_COMMON_NAME_LENGTH) {
            throw new IllegalArgumentException("Facility name must be 1 to "
                    + (IssueRequest.MAX_COMMON_NAME_LENGTH - " Issuing CA".length())
                    + " characters (RFC 5280 ub-common-name), got " + facilityName.length());
        }
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, facilityName)
                .addRDN(BCStyle.CN, commonName)
                .build();
    }

    private static X509Certificate caCertificate(X500Name subject, PublicKey subjectKey, X500Name issuer,
            KeyPair issuerKeys, int years, int pathLength, Clock clock, SecureRandom random) {
        Instant notBefore = CertificateSigning.notBefore(clock);
        Instant notAfter = notBefore.atZone(ZoneOffset.UTC).plusYears(years).toInstant();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                CertificateSigning.randomSerial(random), Date.from(notBefore), Date.from(notAfter), subject,
                subjectKey);
        JcaX509ExtensionUtils ids = CertificateSigning.extensionUtils();
        try {
            // RFC 5280 §4.2.1.9: CAs MUST mark basicConstraints critical; §4.2.1.3: keyUsage SHOULD be.
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(pathLength))
                    .addExtension(Extension.keyUsage, true, CertificateSigning.keyUsage(
                            EnumSet.of(KeyUsageBit.KEY_CERT_SIGN, KeyUsageBit.CRL_SIGN)))
                    .addExtension(Extension.subjectKeyIdentifier, false, ids.createSubjectKeyIdentifier(subjectKey))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            ids.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
        } catch (CertIOException e) {
            throw new PkiException("Cannot encode CA extensions", e);
        }
        return CertificateSigning.sign(builder, issuerKeys.getPrivate());
    }

    private static void requireCa(X509Certificate certificate, String role) {
        if (certificate.getBasicConstraints() < 0) {
            throw new IllegalArgumentException("The " + role + " certificate is not a CA certificate");
        }
    }

    private static void requireSignedBy(X509Certificate certificate, PublicKey signer, String message) {
        try {
            certificate.verify(signer);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(message, e);
        }
    }
}
