package org.ward.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.math.BigInteger;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevelopmentPkiTest {

    @TempDir
    Path temp;

    @Test
    void createsCaServerDeviceAndEhrCredentials() throws Exception {
        DevelopmentPkiFiles files = DevelopmentPki.ensure(temp.resolve("pki"));

        List<X509Certificate> anchors = PemCertificates.read(files.trustAnchors());
        assertThat(anchors).hasSize(1);
        X509Certificate root = anchors.get(0);

        Credential server = Pkcs12Files.load(files.serverP12(), files.serverPassword());
        Credential device = Pkcs12Files.load(files.deviceP12(), files.devicePassword());
        Credential ehr = Pkcs12Files.load(files.ehrP12(), files.ehrPassword());
        for (Credential credential : List.of(server, device, ehr)) {
            assertThat(credential.chain()).hasSize(3).endsWith(root);
            TestPki.validate(credential.certificate(), credential.chain().get(1), root);
        }

        X509Certificate serverCert = server.certificate();
        assertThat(TestPki.altNames(serverCert, GeneralName.dNSName)).containsExactly("localhost");
        assertThat(TestPki.altNames(serverCert, GeneralName.iPAddress)).containsExactly("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(serverCert.getExtendedKeyUsage()).containsExactly(KeyPurpose.SERVER_AUTH.oid());

        assertThat(device.certificate().getSubjectX500Principal().getName()).contains("CN=dev-monitor-1");
        assertThat(TestPki.altNames(device.certificate(), GeneralName.uniformResourceIdentifier))
                .singleElement().asString().matches("urn:dev:mac:[0-9a-f]{16}");

        assertThat(ehr.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=dev-ehr");
        assertThat(ehr.certificate().getExtendedKeyUsage()).containsExactly(KeyPurpose.CLIENT_AUTH.oid());
    }

    @Test
    void secondRunLeavesEveryFileByteIdentical() throws Exception {
        Path pki = temp.resolve("pki");
        DevelopmentPkiFiles first = DevelopmentPki.ensure(pki);
        Map<String, byte[]> contents = snapshot(pki);
        Map<String, FileTime> modified = modificationTimes(pki);

        DevelopmentPkiFiles second = DevelopmentPki.ensure(pki);

        assertThat(second).isEqualTo(first);
        Map<String, byte[]> after = snapshot(pki);
        assertThat(after.keySet()).isEqualTo(contents.keySet());
        contents.forEach((name, bytes) -> assertThat(after.get(name)).as(name).isEqualTo(bytes));
        assertThat(modificationTimes(pki)).isEqualTo(modified);
    }

    @Test
    void writesTheDocumentedFilesWithPrivateModes() throws Exception {
        Path pki = temp.resolve("pki");
        DevelopmentPki.ensure(pki);

        assertThat(snapshot(pki).keySet()).containsExactlyInAnyOrder(
                "root-ca.p12", "root-ca.p12.password", "issuing-ca.p12", "issuing-ca.p12.password",
                "issuing-ca.pem", "trust-anchors.pem", "ca-chain.pem",
                "server.p12", "server.p12.password", "server-chain.pem",
                "device.p12", "device.p12.password", "device-chain.pem",
                "ehr.p12", "ehr.p12.password", "ehr-chain.pem",
                "issued.csv", "crl-url", "crl-number", "crl.der", "crl.pem", "pki.lock");
        assertThat(PkiFilesTest.mode(pki)).isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(pki)) {
            for (Path file : files.filter(f -> !f.toString().endsWith(".pem"))
                    .filter(f -> !Set.of("crl.der", "crl-url").contains(f.getFileName().toString())).toList()) {
                assertThat(PkiFilesTest.mode(file)).as(file.getFileName().toString()).isEqualTo("rw-------");
            }
        }
        try (Stream<Path> siblings = Files.list(temp)) {
            assertThat(siblings).as("no staging directory left behind").containsExactly(pki);
        }
    }

    @Test
    void registersTheDevelopmentCertificatesAndPublishesAnEmptyCrlTheyName() throws Exception {
        Path pki = temp.resolve("pki");
        DevelopmentPkiFiles files = DevelopmentPki.ensure(pki);

        assertThat(files.crlDer()).isEqualTo(pki.resolve("crl.der"));
        assertThat(files.crlPem()).isEqualTo(pki.resolve("crl.pem"));
        X509CRL crl = FacilityPkiTest.readCrl(files.crlPem());
        X509Certificate issuing = PemCertificates.read(pki.resolve("issuing-ca.pem")).get(0);
        crl.verify(issuing.getPublicKey());
        assertThat(crl.getRevokedCertificates()).isNull();
        assertThat(crl.getNextUpdate().toInstant()).isAfter(Instant.now().plus(DevelopmentPki.CRL_VALIDITY)
                .minus(Duration.ofMinutes(5)));

        List<IssuedCertificate> registered = new FacilityPki(pki, Clock.systemUTC(), TestPki.RANDOM,
                change -> { }, "test").list();
        assertThat(registered).extracting(IssuedCertificate::name).containsExactly("server", "device", "ehr");
        assertThat(registered).extracting(IssuedCertificate::profile).containsExactly(CertificateProfile.SERVER,
                CertificateProfile.DEVICE, CertificateProfile.CLIENT);
        Credential server = Pkcs12Files.load(files.serverP12(), files.serverPassword());
        assertThat(registered.get(0).serial()).isEqualTo(server.certificate().getSerialNumber());
        // The distribution point names the final directory, not the staging one it was built in.
        assertThat(FacilityPkiTest.distributionPoints(server.certificate()))
                .containsExactly(pki.toAbsolutePath().resolve("crl.der").toUri().toString());
    }

    @Test
    void reportsEachChangeItMakesAndNoneOnTheSecondRun() throws Exception {
        Path pki = temp.resolve("pki");
        List<PkiChange> changes = new ArrayList<>();
        DevelopmentPki.ensure(pki, Clock.systemUTC(), TestPki.RANDOM, changes::add);
        assertThat(changes).extracting(PkiChange::operation).containsExactly(PkiOperation.INIT, PkiOperation.ISSUE,
                PkiOperation.ISSUE, PkiOperation.ISSUE, PkiOperation.PUBLISH_CRL);
        assertThat(changes).extracting(PkiChange::actor).containsOnly(DevelopmentPki.ACTOR);

        changes.clear();
        DevelopmentPki.ensure(pki, Clock.systemUTC(), TestPki.RANDOM, changes::add);
        assertThat(changes).isEmpty();
    }

    @Test
    void refreshCrlRepublishesOnlyWhenDue() throws Exception {
        Path pki = temp.resolve("pki");
        DevelopmentPki.ensure(pki);
        byte[] first = Files.readAllBytes(pki.resolve("crl.der"));

        assertThat(DevelopmentPki.refreshCrl(pki, change -> { })).isEmpty();
        assertThat(Files.readAllBytes(pki.resolve("crl.der"))).isEqualTo(first);

        // Five days on, the 7-day CRL expires within CRL_REFRESH_BEFORE (2 days).
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofDays(5).plusMinutes(1));
        FacilityPki inFiveDays = new FacilityPki(pki, later, TestPki.RANDOM, change -> { }, "test");
        Optional<PublishedCrl> refreshed = inFiveDays.refreshCrlIfDue(DevelopmentPki.CRL_VALIDITY,
                DevelopmentPki.CRL_REFRESH_BEFORE);
        assertThat(refreshed).isPresent();
        assertThat(refreshed.get().number()).isEqualTo(BigInteger.TWO);

        Files.delete(pki.resolve("crl.der"));
        assertThat(DevelopmentPki.refreshCrl(pki, change -> { })).as("a missing CRL").isPresent();
        assertThat(DevelopmentPki.ensure(pki).crlDer()).exists();
    }

    @Test
    void anExistingEmptyDirectoryIsFilled() throws Exception {
        Path pki = Files.createDirectory(temp.resolve("pki"));
        DevelopmentPkiFiles files = DevelopmentPki.ensure(pki);
        assertThat(files.serverP12()).exists();
    }

    @Test
    void anIncompleteDirectoryIsRefusedAndLeftAlone() throws Exception {
        Path pki = Files.createDirectory(temp.resolve("pki"));
        Path foreign = Files.writeString(pki.resolve("root-ca.p12"), "someone's real CA");

        assertThatThrownBy(() -> DevelopmentPki.ensure(pki))
                .isInstanceOf(PkiException.class)
                .hasMessageContaining("not empty")
                .hasMessageContaining("trust-anchors.pem");
        assertThat(Files.readString(foreign)).isEqualTo("someone's real CA");
        try (Stream<Path> entries = Files.list(pki)) {
            assertThat(entries).containsExactly(foreign);
        }
    }

    private static Map<String, byte[]> snapshot(Path dir) throws Exception {
        Map<String, byte[]> contents = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                contents.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
        }
        return contents;
    }

    private static Map<String, FileTime> modificationTimes(Path dir) throws Exception {
        Map<String, FileTime> times = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                times.put(file.getFileName().toString(), Files.getLastModifiedTime(file));
            }
        }
        return times;
    }
}
