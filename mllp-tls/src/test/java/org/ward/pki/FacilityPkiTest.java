package org.ward.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CRLReason;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FacilityPkiTest {

    @TempDir
    Path temp;

    private final List<PkiChange> changes = new ArrayList<>();
    private final MutableClock clock = new MutableClock(Instant.now());
    private Path dir;
    private FacilityPki pki;

    @BeforeEach
    void init() throws Exception {
        dir = temp.resolve("pki");
        pki = new FacilityPki(dir, clock, TestPki.RANDOM, changes::add, "alice");
        pki.init("St. Elsewhere", KeyAlgorithm.EC_P256, Optional.empty());
    }

    @Test
    void issueWritesTheCredentialRegistersItAndNamesTheCrl() throws Exception {
        IssuedCredential issued = pki.issue(IssueRequest.device("monitor-7", Eui64.parse("00:1b:2c:ff:fe:3d:4e:5f"),
                90), "monitor-7");

        assertThat(issued.files()).containsExactly(dir.resolve("monitor-7.p12"),
                dir.resolve("monitor-7.p12.password"), dir.resolve("monitor-7-chain.pem"));
        Credential loaded = Pkcs12Files.load(issued.p12(), issued.passwordFile());
        assertThat(loaded.certificate()).isEqualTo(issued.certificate());
        assertThat(PemCertificates.read(issued.chainPem())).isEqualTo(loaded.chain());

        IssuedCertificate record = pki.list().get(0);
        assertThat(record).isEqualTo(issued.record());
        assertThat(record.serial()).isEqualTo(issued.certificate().getSerialNumber());
        assertThat(record.subject()).isEqualTo("CN=monitor-7,SERIALNUMBER=001b2cfffe3d4e5f");
        assertThat(record.eui64()).contains(new Eui64("001b2cfffe3d4e5f"));
        assertThat(record.profile()).isEqualTo(CertificateProfile.DEVICE);
        assertThat(record.status()).isEqualTo(CertificateStatus.VALID);

        assertThat(distributionPoints(issued.certificate())).containsExactly(dir.resolve("crl.der").toUri().toString());
        assertThat(pki.crlDistributionPoint()).contains(dir.resolve("crl.der").toUri());
    }

    @Test
    void theRegistrySurvivesReopeningAndQuotesSubjectsWithCommas() throws Exception {
        pki.issue(IssueRequest.client("Lab, \"North\" wing", 30), "lab-north");
        FacilityPki reopened = new FacilityPki(dir, clock, TestPki.RANDOM, changes::add, "bob");
        assertThat(reopened.list()).isEqualTo(pki.list());
        assertThat(reopened.list().get(0).subject()).isEqualTo("CN=Lab\\, \\\"North\\\" wing");
        assertThat(Files.readAllLines(dir.resolve("issued.csv")).get(0))
                .isEqualTo("serial,name,subject,eui64,profile,not-before,not-after,status,revoked-at,reason");
    }

    @Test
    void anExistingNameIsRefusedAndTheRefusalReported() throws Exception {
        pki.issue(IssueRequest.client("ehr-1", 30), "ehr");
        changes.clear();

        assertThatThrownBy(() -> pki.issue(IssueRequest.client("ehr-2", 30), "ehr"))
                .isInstanceOf(PkiException.class)
                .hasMessageContaining("\"ehr\" is taken");
        assertThat(pki.list()).hasSize(1);
        assertThat(changes).singleElement().satisfies(change -> {
            assertThat(change.operation()).isEqualTo(PkiOperation.ISSUE);
            assertThat(change.outcome()).isEqualTo(PkiChange.Outcome.FAILURE);
            assertThat(change.subject()).contains("CN=ehr-2");
        });
    }

    @Test
    void revokedCertificatesAppearInTheCrlWithTheirReasons() throws Exception {
        IssuedCredential compromised = pki.issue(IssueRequest.client("stolen-laptop", 30), "stolen");
        IssuedCredential retired = pki.issue(IssueRequest.client("old-ehr", 30), "old-ehr");
        IssuedCredential vague = pki.issue(IssueRequest.client("vague", 30), "vague");
        IssuedCredential kept = pki.issue(IssueRequest.client("kept", 30), "kept");
        PublishedCrl first = pki.publishCrl(Duration.ofDays(7));
        assertThat(first.number()).isEqualTo(BigInteger.ONE);
        assertThat(first.revoked()).isEmpty();

        clock.advance(Duration.ofMinutes(3));
        pki.revoke(compromised.record().serial(), RevocationReason.KEY_COMPROMISE);
        pki.revoke(retired.record().serial(), RevocationReason.CESSATION_OF_OPERATION);
        pki.revoke(vague.record().serial(), RevocationReason.UNSPECIFIED);
        PublishedCrl second = pki.publishCrl(Duration.ofDays(7));

        assertThat(second.number()).isEqualTo(BigInteger.TWO);
        X509CRL crl = readCrl(dir.resolve("crl.der"));
        X509Certificate issuing = PemCertificates.read(dir.resolve("issuing-ca.pem")).get(0);
        crl.verify(issuing.getPublicKey());
        assertThat(crl.getIssuerX500Principal()).isEqualTo(issuing.getSubjectX500Principal());
        assertThat(crl.getNextUpdate().toInstant()).isEqualTo(clock.instant().truncatedTo(
                java.time.temporal.ChronoUnit.SECONDS).plus(Duration.ofDays(7)));
        assertThat(crlNumber(crl)).isEqualTo(BigInteger.TWO);
        assertThat(AuthorityKeyIdentifier.getInstance(extension(crl.getExtensionValue(
                Extension.authorityKeyIdentifier.getId()))).getKeyIdentifierOctets())
                .isEqualTo(SubjectKeyIdentifier.getInstance(extension(issuing.getExtensionValue(
                        Extension.subjectKeyIdentifier.getId()))).getKeyIdentifier());

        X509CRLEntry keyCompromise = crl.getRevokedCertificate(compromised.record().serial());
        assertThat(keyCompromise.getRevocationReason()).isEqualTo(CRLReason.KEY_COMPROMISE);
        assertThat(keyCompromise.getRevocationDate().toInstant())
                .isEqualTo(pki.list().get(0).revocation().orElseThrow().time());
        assertThat(crl.getRevokedCertificate(retired.record().serial()).getRevocationReason())
                .isEqualTo(CRLReason.CESSATION_OF_OPERATION);
        // RFC 5280 §5.3.1: no reasonCode rather than unspecified.
        X509CRLEntry unspecified = crl.getRevokedCertificate(vague.record().serial());
        assertThat(unspecified.getRevocationReason()).isNull();
        assertThat(unspecified.hasExtensions()).isFalse();
        assertThat(crl.getRevokedCertificate(kept.record().serial())).isNull();
        assertThat(crl.isRevoked(kept.certificate())).isFalse();
        assertThat(crl.isRevoked(compromised.certificate())).isTrue();

        assertThat(second.revoked()).containsOnlyKeys(compromised.record().serial(), retired.record().serial(),
                vague.record().serial());
        assertThat(Files.readString(dir.resolve("crl.pem"))).startsWith("-----BEGIN X509 CRL-----\n");
        assertThat(readCrl(dir.resolve("crl.pem"))).isEqualTo(crl);
        assertThat(pki.list()).extracting(IssuedCertificate::status).containsExactly(CertificateStatus.REVOKED,
                CertificateStatus.REVOKED, CertificateStatus.REVOKED, CertificateStatus.VALID);

        assertThat(pki.publishCrl(Duration.ofDays(1)).number()).isEqualTo(BigInteger.valueOf(3));
        assertThat(Files.readString(dir.resolve("crl-number")).strip()).isEqualTo("3");
    }

    @Test
    void revocationIsFinalAndOnlyForCertificatesThisCaIssued() throws Exception {
        IssuedCredential issued = pki.issue(IssueRequest.client("ehr", 30), "ehr");
        pki.revoke(issued.record().serial(), RevocationReason.SUPERSEDED);

        assertThatThrownBy(() -> pki.revoke(issued.record().serial(), RevocationReason.KEY_COMPROMISE))
                .isInstanceOf(PkiException.class).hasMessageContaining("already revoked").hasMessageContaining("superseded");
        assertThatThrownBy(() -> pki.revoke(BigInteger.valueOf(0xABCDEF), RevocationReason.KEY_COMPROMISE))
                .isInstanceOf(PkiException.class).hasMessageContaining("No certificate with serial ABCDEF");
    }

    @Test
    void expiredCertificatesLeaveTheCrl() throws Exception {
        FacilityPki past = new FacilityPki(dir, Clock.fixed(clock.instant().minus(Duration.ofDays(40)), ZoneOffset.UTC),
                TestPki.RANDOM, changes::add, "alice");
        IssuedCredential expired = past.issue(IssueRequest.client("old", 30), "old");
        pki.revoke(expired.record().serial(), RevocationReason.KEY_COMPROMISE);

        assertThat(pki.publishCrl(Duration.ofDays(7)).revoked()).isEmpty();
        assertThat(pki.list().get(0).statusAt(clock.instant())).isEqualTo(CertificateStatus.REVOKED);
    }

    @Test
    void refreshPublishesOnlyWhenDue() throws Exception {
        Duration validity = Duration.ofDays(7);
        Duration before = Duration.ofDays(2);
        assertThat(pki.refreshCrlIfDue(validity, before)).as("no CRL yet").isPresent();
        byte[] published = Files.readAllBytes(dir.resolve("crl.der"));

        clock.advance(Duration.ofDays(4));
        assertThat(pki.refreshCrlIfDue(validity, before)).as("expires in 3 days").isEmpty();
        assertThat(Files.readAllBytes(dir.resolve("crl.der"))).isEqualTo(published);

        clock.advance(Duration.ofDays(1).plusSeconds(1));
        Optional<PublishedCrl> refreshed = pki.refreshCrlIfDue(validity, before);
        assertThat(refreshed).as("expires within 2 days").isPresent();
        assertThat(refreshed.get().number()).isEqualTo(BigInteger.TWO);
        assertThat(pki.refreshCrlIfDue(validity, before)).isEmpty();

        IssuedCredential issued = pki.issue(IssueRequest.client("ehr", 30), "ehr");
        pki.revoke(issued.record().serial(), RevocationReason.KEY_COMPROMISE);
        assertThat(pki.refreshCrlIfDue(validity, before)).as("a revocation the CRL lacks").get()
                .satisfies(crl -> assertThat(crl.revoked()).containsKey(issued.record().serial()));

        Files.write(dir.resolve("crl.der"), new byte[] {0x30, 0x00});
        assertThat(pki.refreshCrlIfDue(validity, before)).as("an unreadable CRL").isPresent();

        assertThatThrownBy(() -> pki.refreshCrlIfDue(validity, validity))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shorter than the CRL validity");
    }

    @Test
    void everyOperationIsReportedWithItsActor() throws Exception {
        IssuedCredential issued = pki.issue(IssueRequest.device("monitor", new Eui64("0123456789abcdef"), 30), "monitor");
        pki.revoke(issued.record().serial(), RevocationReason.KEY_COMPROMISE);
        pki.publishCrl(Duration.ofDays(7));

        assertThat(changes).extracting(PkiChange::operation).containsExactly(PkiOperation.INIT, PkiOperation.ISSUE,
                PkiOperation.REVOKE, PkiOperation.PUBLISH_CRL);
        assertThat(changes).allSatisfy(change -> {
            assertThat(change.actor()).isEqualTo("alice");
            assertThat(change.outcome()).isEqualTo(PkiChange.Outcome.SUCCESS);
        });
        assertThat(changes.get(1).serial()).contains(issued.record().serial());
        assertThat(changes.get(1).profile()).contains(CertificateProfile.DEVICE);
        assertThat(changes.get(2).reason()).contains(RevocationReason.KEY_COMPROMISE);
        assertThat(changes.get(2).subject()).contains("CN=monitor,SERIALNUMBER=0123456789abcdef");
        assertThat(changes.get(3).crlNumber()).contains(BigInteger.ONE);
    }

    @Test
    void aFailingListenerDoesNotUndoOrFailTheOperation() throws Exception {
        FacilityPki noisy = new FacilityPki(dir, clock, TestPki.RANDOM, change -> {
            throw new IllegalStateException("audit repository down");
        }, "alice");
        IssuedCredential issued = noisy.issue(IssueRequest.client("ehr", 30), "ehr");
        assertThat(noisy.list()).extracting(IssuedCertificate::serial).containsExactly(issued.record().serial());
    }

    @Test
    void initRefusesANonEmptyDirectoryAndOperationsRefuseAMissingPki() throws Exception {
        assertThatThrownBy(() -> pki.init("Again", KeyAlgorithm.EC_P256, Optional.empty()))
                .isInstanceOf(PkiException.class).hasMessageContaining("already holds one");

        FacilityPki none = new FacilityPki(temp.resolve("none"), clock, TestPki.RANDOM, changes::add, "alice");
        assertThatThrownBy(() -> none.issue(IssueRequest.client("ehr", 30), "ehr"))
                .isInstanceOf(PkiException.class).hasMessageContaining("run ward pki init first");
        assertThatThrownBy(() -> none.publishCrl(Duration.ofDays(1)))
                .isInstanceOf(PkiException.class).hasMessageContaining("run ward pki init first");
    }

    @Test
    void anHttpCrlUrlIsWrittenIntoCertificates() throws Exception {
        Path other = temp.resolve("http-pki");
        FacilityPki http = new FacilityPki(other, clock, TestPki.RANDOM, changes::add, "alice");
        http.init("St. Elsewhere", KeyAlgorithm.EC_P256,
                Optional.of(java.net.URI.create("http://pki.st-elsewhere.example/ward/crl.der")));
        IssuedCredential issued = http.issue(IssueRequest.client("ehr", 30), "ehr");
        assertThat(distributionPoints(issued.certificate()))
                .containsExactly("http://pki.st-elsewhere.example/ward/crl.der");

        assertThatThrownBy(() -> FacilityPki.checkCrlUrl(java.net.URI.create("ftp://host/crl")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RFC 5280 §4.2.1.13");
        assertThatThrownBy(() -> FacilityPki.checkCrlUrl(java.net.URI.create("crl.der")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static List<String> distributionPoints(X509Certificate certificate) throws Exception {
        byte[] value = certificate.getExtensionValue(Extension.cRLDistributionPoints.getId());
        if (value == null) {
            return List.of();
        }
        List<String> uris = new ArrayList<>();
        for (var point : CRLDistPoint.getInstance(extension(value)).getDistributionPoints()) {
            for (GeneralName name : GeneralNames.getInstance(point.getDistributionPoint().getName()).getNames()) {
                if (name.getTagNo() == GeneralName.uniformResourceIdentifier) {
                    uris.add(name.getName().toString());
                }
            }
        }
        return uris;
    }

    static X509CRL readCrl(Path file) throws Exception {
        return (X509CRL) CertificateFactory.getInstance("X.509")
                .generateCRL(new ByteArrayInputStream(Files.readAllBytes(file)));
    }

    static BigInteger crlNumber(X509CRL crl) {
        return ASN1Integer.getInstance(extension(crl.getExtensionValue(Extension.cRLNumber.getId()))).getValue();
    }

    private static byte[] extension(byte[] wrapped) {
        return ASN1OctetString.getInstance(wrapped).getOctets();
    }

    /** A clock tests move forward by hand. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
