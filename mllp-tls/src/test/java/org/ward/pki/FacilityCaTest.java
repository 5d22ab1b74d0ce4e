package org.ward.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.junit.jupiter.api.Test;

class FacilityCaTest {

    private final FacilityCa ca = TestPki.ca(KeyAlgorithm.EC_P256);

    @Test
    void rootIsSelfSignedCaWithPathLengthOne() throws Exception {
        X509Certificate root = ca.rootCertificate();
        root.verify(root.getPublicKey());
        assertThat(root.getSubjectX500Principal()).isEqualTo(root.getIssuerX500Principal());
        assertThat(root.getSubjectX500Principal().getName()).isEqualTo("CN=St. Elsewhere Root CA,O=St. Elsewhere");
        assertThat(root.getBasicConstraints()).isEqualTo(1);
        assertThat(TestPki.isCritical(root, Extension.basicConstraints.getId())).isTrue();
        assertCertSignAndCrlSignOnly(root);
        assertLifetimeYears(root, FacilityCa.ROOT_VALIDITY_YEARS);
    }

    @Test
    void issuingCaIsSignedByRootWithPathLengthZero() throws Exception {
        X509Certificate issuing = ca.issuingCertificate();
        issuing.verify(ca.rootCertificate().getPublicKey());
        assertThat(issuing.getIssuerX500Principal()).isEqualTo(ca.rootCertificate().getSubjectX500Principal());
        assertThat(issuing.getBasicConstraints()).isZero();
        assertThat(TestPki.isCritical(issuing, Extension.basicConstraints.getId())).isTrue();
        assertCertSignAndCrlSignOnly(issuing);
        assertLifetimeYears(issuing, FacilityCa.ISSUING_VALIDITY_YEARS);
        assertThat(ca.issuing().chain()).containsExactly(issuing, ca.rootCertificate());
        assertThat(issuing.getSigAlgName()).isEqualTo("SHA256withECDSA");
    }

    @Test
    void issuingAuthorityKeyIdIsTheRootSubjectKeyId() throws Exception {
        byte[] rootSki = SubjectKeyIdentifier.fromExtensions(TestPki.extensions(ca.rootCertificate()))
                .getKeyIdentifier();
        byte[] issuingAki = AuthorityKeyIdentifier.fromExtensions(TestPki.extensions(ca.issuingCertificate()))
                .getKeyIdentifierOctets();
        assertThat(issuingAki).isEqualTo(rootSki);
    }

    @Test
    void refusesAnIssuingCaFromAnotherRoot() {
        FacilityCa other = TestPki.ca(KeyAlgorithm.EC_P256);
        assertThatThrownBy(() -> new FacilityCa(ca.root(), other.issuing(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not signed by the root");
    }

    @Test
    void refusesAnEndEntityAsIssuingCa() {
        Credential leaf = TestPki.issuer(ca).issue(IssueRequest.client("ehr", 30));
        assertThatThrownBy(() -> new FacilityCa(ca.root(), leaf, Optional.empty()))
                .hasMessageContaining("not a CA");
    }

    @Test
    void toStringShowsNoKeyMaterial() {
        String text = ca.toString();
        assertThat(text).contains("St. Elsewhere Root CA").doesNotContain("PrivateKey", "private");
    }

    private static void assertCertSignAndCrlSignOnly(X509Certificate certificate) {
        boolean[] usage = certificate.getKeyUsage();
        assertThat(usage[KeyUsageBit.KEY_CERT_SIGN.index()]).isTrue();
        assertThat(usage[KeyUsageBit.CRL_SIGN.index()]).isTrue();
        assertThat(usage[KeyUsageBit.DIGITAL_SIGNATURE.index()]).isFalse();
        assertThat(TestPki.isCritical(certificate, Extension.keyUsage.getId())).isTrue();
    }

    private static void assertLifetimeYears(X509Certificate certificate, int years) {
        Instant notBefore = certificate.getNotBefore().toInstant();
        assertThat(notBefore).isBetween(Instant.now().minus(Duration.ofMinutes(10)), Instant.now());
        assertThat(certificate.getNotAfter().toInstant())
                .isEqualTo(notBefore.atZone(ZoneOffset.UTC).plusYears(years).toInstant());
        assertThat(List.of(certificate.getSerialNumber().signum())).containsExactly(1);
    }
}
