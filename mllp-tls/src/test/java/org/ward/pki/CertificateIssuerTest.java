package org.ward.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CertificateIssuerTest {

    private static final Eui64 EUI = Eui64.parse("00:1b:c5:0f:ff:00:00:2a");

    private final FacilityCa ca = TestPki.ca(KeyAlgorithm.EC_P256);
    private final CertificateIssuer issuer = TestPki.issuer(ca);

    @ParameterizedTest
    @EnumSource(CertificateProfile.class)
    void everyProfileChainsToTheRootThroughPkix(CertificateProfile profile) throws Exception {
        Credential credential = issuer.issue(requestFor(profile));
        assertThat(credential.chain()).hasSize(3);
        assertThat(credential.chain().subList(1, 3)).containsExactly(ca.issuingCertificate(), ca.rootCertificate());

        var result = TestPki.validate(credential.certificate(), ca.issuingCertificate(), ca.rootCertificate());

        assertThat(result.getTrustAnchor().getTrustedCert()).isEqualTo(ca.rootCertificate());
        assertThat(result.getPublicKey()).isEqualTo(credential.certificate().getPublicKey());
    }

    @ParameterizedTest
    @EnumSource(CertificateProfile.class)
    void keyUsageExtendedKeyUsageAndBasicConstraintsFollowTheProfile(CertificateProfile profile) throws Exception {
        X509Certificate leaf = issuer.issue(requestFor(profile)).certificate();

        Set<KeyUsageBit> expectedUsage = profile == CertificateProfile.DEVICE
                ? EnumSet.of(KeyUsageBit.DIGITAL_SIGNATURE, KeyUsageBit.KEY_AGREEMENT)
                : EnumSet.of(KeyUsageBit.DIGITAL_SIGNATURE);
        assertThat(keyUsage(leaf)).isEqualTo(expectedUsage);
        assertThat(TestPki.isCritical(leaf, Extension.keyUsage.getId())).isTrue();

        Set<String> expectedPurposes = switch (profile) {
            case DEVICE, CLIENT -> Set.of(KeyPurpose.CLIENT_AUTH.oid());
            case SERVER -> Set.of(KeyPurpose.SERVER_AUTH.oid());
            case GATEWAY -> Set.of(KeyPurpose.CLIENT_AUTH.oid(), KeyPurpose.SERVER_AUTH.oid());
        };
        assertThat(Set.copyOf(leaf.getExtendedKeyUsage())).isEqualTo(expectedPurposes);

        assertThat(leaf.getBasicConstraints()).as("CA:false").isEqualTo(-1);
        assertThat(leaf.getExtensionValue(Extension.basicConstraints.getId())).isNotNull();
        assertThat(TestPki.isCritical(leaf, Extension.basicConstraints.getId())).isTrue();
    }

    @Test
    void serverSubjectAltNameCarriesDnsNamesAndIpAddresses() throws Exception {
        X509Certificate leaf = issuer.issue(IssueRequest.server("ward", List.of("localhost", "ward.example.org"),
                List.of("127.0.0.1", "::1"), 365)).certificate();

        assertThat(TestPki.altNames(leaf, GeneralName.dNSName)).containsExactly("localhost", "ward.example.org");
        assertThat(TestPki.altNames(leaf, GeneralName.iPAddress)).containsExactly("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(TestPki.altNames(leaf, GeneralName.uniformResourceIdentifier)).isEmpty();
        assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=ward");
    }

    @Test
    void deviceNamesItsEui64AsSubjectSerialNumberAndSanUrn() throws Exception {
        X509Certificate leaf = issuer.issue(IssueRequest.device("monitor-7", EUI, 365)).certificate();

        var subject = new JcaX509CertificateHolder(leaf).getSubject();
        assertThat(subject.getRDNs(BCStyle.SERIALNUMBER)).hasSize(1);
        assertThat(subject.getRDNs(BCStyle.SERIALNUMBER)[0].getFirst().getValue().toString())
                .isEqualTo("001bc50fff00002a");
        assertThat(subject.getRDNs(BCStyle.CN)[0].getFirst().getValue().toString()).isEqualTo("monitor-7");
        assertThat(TestPki.altNames(leaf, GeneralName.uniformResourceIdentifier))
                .containsExactly("urn:dev:mac:001bc50fff00002a");
    }

    @Test
    void clientWithoutNamesHasNoSubjectAltName() throws Exception {
        X509Certificate leaf = issuer.issue(IssueRequest.client("dev-ehr", 365)).certificate();
        assertThat(leaf.getSubjectAlternativeNames()).isNull();
    }

    @Test
    void keyIdentifiersLinkLeafToIssuingCa() throws Exception {
        X509Certificate leaf = issuer.issue(IssueRequest.client("dev-ehr", 365)).certificate();

        byte[] issuingSki = SubjectKeyIdentifier.fromExtensions(TestPki.extensions(ca.issuingCertificate()))
                .getKeyIdentifier();
        assertThat(AuthorityKeyIdentifier.fromExtensions(TestPki.extensions(leaf)).getKeyIdentifierOctets())
                .isEqualTo(issuingSki);
        assertThat(SubjectKeyIdentifier.fromExtensions(TestPki.extensions(leaf)).getKeyIdentifier()).hasSize(20);
        assertThat(TestPki.isCritical(leaf, Extension.subjectKeyIdentifier.getId())).isFalse();
        assertThat(TestPki.isCritical(leaf, Extension.authorityKeyIdentifier.getId())).isFalse();
    }

    @Test
    void serialNumbersArePositiveRandomAndAtMost128Bits() {
        List<X509Certificate> leaves = IntStream.range(0, 20)
                .mapToObj(i -> issuer.issue(IssueRequest.client("ehr-" + i, 30)).certificate())
                .toList();
        assertThat(leaves).allSatisfy(leaf -> {
            assertThat(leaf.getSerialNumber().signum()).isEqualTo(1);
            assertThat(leaf.getSerialNumber().bitLength()).isLessThanOrEqualTo(128);
        });
        assertThat(leaves.stream().map(X509Certificate::getSerialNumber).collect(Collectors.toSet())).hasSize(20);
        assertThat(leaves.stream().mapToInt(leaf -> leaf.getSerialNumber().bitLength()).max().orElseThrow())
                .isGreaterThan(120);
    }

    @Test
    void validityIsTheRequestedNumberOfDays() {
        Instant before = Instant.now();
        X509Certificate leaf = issuer.issue(IssueRequest.client("ehr", 730)).certificate();
        assertThat(leaf.getNotBefore().toInstant()).isBefore(before);
        assertThat(Duration.between(before, leaf.getNotAfter().toInstant()))
                .isBetween(Duration.ofDays(730).minusSeconds(60), Duration.ofDays(730).plusSeconds(60));
    }

    @Test
    void crlDistributionPointIsAddedOnlyWhenConfigured() throws Exception {
        URI crl = URI.create("http://pki.st-elsewhere.example/issuing-ca.crl");
        X509Certificate withCrl = TestPki.issuer(TestPki.caWithCrl(crl))
                .issue(IssueRequest.client("ehr", 30)).certificate();
        GeneralNames names = (GeneralNames) CRLDistPoint.fromExtensions(TestPki.extensions(withCrl))
                .getDistributionPoints()[0].getDistributionPoint().getName();
        assertThat(names.getNames()).extracting(n -> n.getName().toString()).containsExactly(crl.toString());

        X509Certificate withoutCrl = issuer.issue(IssueRequest.client("ehr", 30)).certificate();
        assertThat(withoutCrl.getExtensionValue(Extension.cRLDistributionPoints.getId())).isNull();
    }

    @Test
    void refusesCertificatesThatWouldOutliveTheIssuingCa() {
        Clock fourYearsLater = Clock.fixed(Instant.now().atZone(ZoneOffset.UTC).plusYears(4).plusDays(300)
                .toInstant(), ZoneOffset.UTC);
        CertificateIssuer lateIssuer = new CertificateIssuer(ca, KeyAlgorithm.EC_P256, fourYearsLater,
                TestPki.RANDOM);
        assertThatThrownBy(() -> lateIssuer.issue(IssueRequest.client("ehr", 730)))
                .isInstanceOf(PkiException.class)
                .hasMessageContaining("outlive the issuing CA");
    }

    @Test
    void rsa3072CaAndLeafWorkEndToEnd() throws Exception {
        FacilityCa rsaCa = TestPki.ca(KeyAlgorithm.RSA_3072);
        CertificateIssuer rsaIssuer = new CertificateIssuer(rsaCa, KeyAlgorithm.RSA_3072, Clock.systemUTC(),
                TestPki.RANDOM);
        Credential device = rsaIssuer.issue(IssueRequest.device("monitor-rsa", EUI, 365));

        TestPki.validate(device.certificate(), rsaCa.issuingCertificate(), rsaCa.rootCertificate());
        assertThat(List.of(rsaCa.rootCertificate(), rsaCa.issuingCertificate(), device.certificate()))
                .extracting(X509Certificate::getSigAlgName)
                .containsOnly("SHA256withRSA");
        assertThat(((java.security.interfaces.RSAPublicKey) device.certificate().getPublicKey())
                .getModulus().bitLength()).isEqualTo(3072);
        // RSA device keys cannot do ECDH, so no keyAgreement.
        assertThat(keyUsage(device.certificate())).containsExactly(KeyUsageBit.DIGITAL_SIGNATURE);
    }

    static IssueRequest requestFor(CertificateProfile profile) {
        return switch (profile) {
            case DEVICE -> IssueRequest.device("monitor-1", EUI, 365);
            case GATEWAY -> new IssueRequest(CertificateProfile.GATEWAY, "gateway-1", java.util.Optional.of(EUI),
                    List.of("gw1.example.org"), List.of("10.0.0.5"), 365);
            case SERVER -> IssueRequest.server("ward", List.of("localhost"), List.of("127.0.0.1"), 365);
            case CLIENT -> IssueRequest.client("dev-ehr", 365);
        };
    }

    private static Set<KeyUsageBit> keyUsage(X509Certificate certificate) {
        boolean[] bits = certificate.getKeyUsage();
        return Arrays.stream(KeyUsageBit.values())
                .filter(bit -> bit.index() < bits.length && bits[bit.index()])
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(KeyUsageBit.class)));
    }
}
