package org.ward.pki;

import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

/** Issues end-entity certificates from the facility's issuing CA. */
public final class CertificateIssuer {

    private final FacilityCa ca;
    private final KeyAlgorithm keyAlgorithm;
    private final Clock clock;
    private final SecureRandom random;

    /**
     * @param keyAlgorithm the kind of key pair {@link #issue(IssueRequest)} generates for the subject
     */
    public CertificateIssuer(FacilityCa ca, KeyAlgorithm keyAlgorithm, Clock clock, SecureRandom random) {
        this.ca = Objects.requireNonNull(ca, "ca");
        this.keyAlgorithm = Objects.requireNonNull(keyAlgorithm, "keyAlgorithm");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Generates a key pair and certifies it; the credential's chain is [leaf, issuing, root]. */
    public Credential issue(IssueRequest request) {
        KeyPair keys = keyAlgorithm.generateKeyPair(random);
        X509Certificate leaf = certify(request, keys.getPublic());
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(leaf);
        chain.addAll(ca.caChain());
        return new Credential(keys.getPrivate(), chain);
    }

    /** Certifies a public key the subject already holds (e.g. generated on the device). */
    public X509Certificate certify(IssueRequest request, PublicKey subjectKey) {
        Objects.requireNonNull(request, "request");
        X509Certificate issuer = ca.issuingCertificate();
        Instant notBefore = CertificateSigning.notBefore(clock);
        Instant notAfter = notBefore.plus(CertificateSigning.CLOCK_SKEW).plus(Duration.ofDays(request.validityDays()));
        if (notAfter.isAfter(issuer.getNotAfter().toInstant())) {
            throw new PkiException("A " + request.validityDays() + "-day certificate would outlive the issuing CA"
                    + " (valid until " + issuer.getNotAfter().toInstant() + "); renew the issuing CA first");
        }
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                CertificateSigning.randomSerial(random), Date.from(notBefore), Date.from(notAfter),
                subject(request), subjectKey);
        JcaX509ExtensionUtils ids = CertificateSigning.extensionUtils();
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true,
                            CertificateSigning.keyUsage(request.profile().keyUsage(KeyAlgorithm.of(subjectKey))))
                    .addExtension(Extension.extendedKeyUsage, false, extendedKeyUsage(request.profile()))
                    .addExtension(Extension.subjectKeyIdentifier, false, ids.createSubjectKeyIdentifier(subjectKey))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            ids.createAuthorityKeyIdentifier(issuer.getPublicKey()));
            GeneralNames altNames = subjectAltNames(request);
            if (altNames.getNames().length > 0) {
                // RFC 5280 §4.2.1.6: non-critical, because the subject DN is not empty.
                builder.addExtension(Extension.subjectAlternativeName, false, altNames);
            }
            if (ca.crlDistributionPoint().isPresent()) {
                GeneralNames uri = new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier,
                        ca.crlDistributionPoint().get().toString()));
                builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(
                        new DistributionPoint[] {new DistributionPoint(new DistributionPointName(uri), null, null)}));
            }
        } catch (CertIOException e) {
            throw new PkiException("Cannot encode certificate extensions", e);
        }
        return CertificateSigning.sign(builder, ca.issuing().privateKey());
    }

    /** {@code CN=<cn>}, plus {@code serialNumber=<EUI-64>} (X.520 §6.2.9) when the subject is a device. */
    private static X500Name subject(IssueRequest request) {
        X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, request.commonName());
        request.eui64().ifPresent(eui64 -> name.addRDN(BCStyle.SERIALNUMBER, eui64.hex()));
        return name.build();
    }

    private static GeneralNames subjectAltNames(IssueRequest request) {
        List<GeneralName> names = new ArrayList<>();
        request.dnsNames().forEach(dns -> names.add(new GeneralName(GeneralName.dNSName, dns)));
        request.ipAddresses().forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip)));
        // RFC 9039 §3.1: a device named by its EUI-64 as a "mac" DEV URN.
        request.eui64().ifPresent(eui64 -> names.add(new GeneralName(GeneralName.uniformResourceIdentifier,
                eui64.urn())));
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }

    private static ExtendedKeyUsage extendedKeyUsage(CertificateProfile profile) {
        return new ExtendedKeyUsage(profile.extendedKeyUsage().stream()
                .map(purpose -> KeyPurposeId.getInstance(new ASN1ObjectIdentifier(purpose.oid())))
                .toArray(KeyPurposeId[]::new));
    }
}
