package org.ward.pki;

import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;

/** Shared fixtures: a facility CA and helpers that inspect certificates the way a peer would. */
final class TestPki {

    static final SecureRandom RANDOM = new SecureRandom();

    private TestPki() {
    }

    static FacilityCa ca(KeyAlgorithm algorithm) {
        return FacilityCa.create("St. Elsewhere", algorithm, Optional.empty(), Clock.systemUTC(), RANDOM);
    }

    static FacilityCa caWithCrl(URI crl) {
        return FacilityCa.create("St. Elsewhere", KeyAlgorithm.EC_P256, Optional.of(crl), Clock.systemUTC(), RANDOM);
    }

    static CertificateIssuer issuer(FacilityCa ca) {
        return new CertificateIssuer(ca, KeyAlgorithm.EC_P256, Clock.systemUTC(), RANDOM);
    }

    /** PKIX validation (RFC 5280 §6) from {@code leaf} to the root, revocation not checked yet. */
    static PKIXCertPathValidatorResult validate(X509Certificate leaf, X509Certificate issuing, X509Certificate root)
            throws GeneralSecurityException {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        parameters.setRevocationEnabled(false);
        return (PKIXCertPathValidatorResult) CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf, issuing)), parameters);
    }

    /** The subjectAltName values of one GeneralName type (2 dNSName, 6 URI, 7 iPAddress). */
    static List<String> altNames(X509Certificate certificate, int type) throws GeneralSecurityException {
        var names = certificate.getSubjectAlternativeNames();
        if (names == null) {
            return List.of();
        }
        return names.stream().filter(n -> (Integer) n.get(0) == type).map(n -> (String) n.get(1)).toList();
    }

    static Extensions extensions(X509Certificate certificate) throws GeneralSecurityException {
        return new JcaX509CertificateHolder(certificate).getExtensions();
    }

    static boolean isCritical(X509Certificate certificate, String oid) {
        return certificate.getCriticalExtensionOIDs().contains(oid);
    }
}
