package org.ward.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PkiFilesTest {

    @TempDir
    Path temp;

    private final FacilityCa ca = TestPki.ca(KeyAlgorithm.EC_P256);

    @Test
    void privateDirectoryIs0700AndSecretsAre0600() throws Exception {
        Path dir = SecretFiles.createPrivateDirectory(temp.resolve("pki"));
        PkiDirectory pki = new PkiDirectory(dir);
        pki.writeCa(ca, TestPki.RANDOM);
        pki.writeCredential("ehr", TestPki.issuer(ca).issue(IssueRequest.client("dev-ehr", 30)), TestPki.RANDOM);

        assertThat(mode(dir)).isEqualTo("rwx------");
        for (Path secret : List.of(pki.p12("root-ca"), pki.passwordFile("root-ca"), pki.p12("issuing-ca"),
                pki.passwordFile("issuing-ca"), pki.p12("ehr"), pki.passwordFile("ehr"))) {
            assertThat(mode(secret)).as(secret.getFileName().toString()).isEqualTo("rw-------");
        }
        for (Path pem : List.of(pki.trustAnchors(), pki.caChain(), pki.issuingCaPem(), pki.chainPem("ehr"))) {
            assertThat(Files.getPosixFilePermissions(pem)).as(pem.getFileName().toString())
                    .doesNotContain(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
        }
    }

    @Test
    void generatedPasswordsAreLongRandomBase64Url() {
        char[] first = SecretFiles.newPassword(TestPki.RANDOM);
        char[] second = SecretFiles.newPassword(TestPki.RANDOM);
        // 32 random bytes, unpadded base64url: ceil(32 * 4 / 3) = 43 characters.
        assertThat(new String(first)).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(first).isNotEqualTo(second);
        assertThat(SecretFiles.PASSWORD_BYTES).isGreaterThanOrEqualTo(24);
    }

    @Test
    void passwordFileIsOneLineAndReadsBack() throws Exception {
        char[] password = SecretFiles.newPassword(TestPki.RANDOM);
        Path file = temp.resolve("x.p12.password");
        SecretFiles.writePassword(file, password);

        assertThat(Files.readString(file, StandardCharsets.US_ASCII)).isEqualTo(new String(password) + "\n");
        assertThat(SecretFiles.readPassword(file)).isEqualTo(password);
    }

    @Test
    void pkcs12RoundTripsKeyAndChain() throws Exception {
        Credential issued = TestPki.issuer(ca).issue(IssueRequest.device("monitor", Eui64.random(TestPki.RANDOM), 30));
        Path p12 = temp.resolve("device.p12");
        Pkcs12Files.write(p12, "device", issued, TestPki.RANDOM);

        Credential loaded = Pkcs12Files.load(p12, temp.resolve("device.p12.password"));

        assertThat(loaded.privateKey().getEncoded()).isEqualTo(issued.privateKey().getEncoded());
        assertThat(loaded.chain()).containsExactlyElementsOf(issued.chain());
        assertThat(loaded.toString()).doesNotContain("PrivateKey", "private");
    }

    @Test
    void pkcs12WithWrongPasswordFailsNamingTheFile() throws Exception {
        Path p12 = temp.resolve("ehr.p12");
        Pkcs12Files.write(p12, "ehr", TestPki.issuer(ca).issue(IssueRequest.client("ehr", 30)), TestPki.RANDOM);
        Path wrong = temp.resolve("wrong.password");
        SecretFiles.writePassword(wrong, SecretFiles.newPassword(TestPki.RANDOM));

        assertThatThrownBy(() -> Pkcs12Files.load(p12, wrong)).hasMessageContaining("ehr.p12");
    }

    @Test
    void caLoadsBackFromItsDirectory() throws Exception {
        PkiDirectory pki = new PkiDirectory(SecretFiles.createPrivateDirectory(temp.resolve("pki")));
        pki.writeCa(ca, TestPki.RANDOM);

        FacilityCa loaded = pki.loadCa(Optional.empty());

        assertThat(loaded.rootCertificate()).isEqualTo(ca.rootCertificate());
        assertThat(loaded.issuing().chain()).containsExactlyElementsOf(ca.issuing().chain());
        assertThat(PemCertificates.read(pki.trustAnchors())).containsExactly(ca.rootCertificate());
        assertThat(PemCertificates.read(pki.caChain())).containsExactly(ca.issuingCertificate(), ca.rootCertificate());
        assertThat(PemCertificates.read(pki.issuingCaPem())).containsExactly(ca.issuingCertificate());
    }

    @Test
    void chainPemHoldsLeafIssuingAndRoot() throws Exception {
        PkiDirectory pki = new PkiDirectory(temp);
        Credential ehr = TestPki.issuer(ca).issue(IssueRequest.client("ehr", 30));
        pki.writeCredential("ehr", ehr, TestPki.RANDOM);

        assertThat(PemCertificates.read(pki.chainPem("ehr"))).containsExactlyElementsOf(ehr.chain());
        assertThat(Files.readString(pki.chainPem("ehr"))).startsWith("-----BEGIN CERTIFICATE-----\n")
                .endsWith("-----END CERTIFICATE-----\n");
    }

    @Test
    void nothingIsOverwritten() throws Exception {
        PkiDirectory pki = new PkiDirectory(temp);
        Credential ehr = TestPki.issuer(ca).issue(IssueRequest.client("ehr", 30));
        pki.writeCredential("ehr", ehr, TestPki.RANDOM);
        byte[] before = Files.readAllBytes(pki.p12("ehr"));

        assertThatThrownBy(() -> pki.writeCredential("ehr", ehr, TestPki.RANDOM))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readAllBytes(pki.p12("ehr"))).isEqualTo(before);
    }

    @Test
    void credentialNamesCannotLeaveTheDirectory() {
        PkiDirectory pki = new PkiDirectory(temp);
        assertThatThrownBy(() -> pki.p12("../etc/x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pki.p12(".hidden")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pki.p12("Server")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readingAFileWithoutCertificatesFails() throws Exception {
        Path empty = Files.writeString(temp.resolve("empty.pem"), "");
        assertThatThrownBy(() -> PemCertificates.read(empty))
                .isInstanceOf(PkiException.class)
                .hasMessageContaining("empty.pem");
    }

    static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
