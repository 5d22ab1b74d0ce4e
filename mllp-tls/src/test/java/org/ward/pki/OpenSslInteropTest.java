package org.ward.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real peer reads what Ward writes: the OpenSSL 3 command-line tool must open the PKCS#12 files
 * with their password files and verify the chains (with RFC 5280 strictness and TLS purposes).
 */
class OpenSslInteropTest {

    @TempDir
    static Path temp;

    private static Path pki;
    private static DevelopmentPkiFiles files;

    @BeforeAll
    static void createDevelopmentPki() throws IOException {
        pki = temp.resolve("pki");
        files = DevelopmentPki.ensure(pki);
    }

    @Test
    void opensslReadsEveryPkcs12WithItsPasswordFile() throws Exception {
        for (String name : List.of("server", "device", "ehr", "issuing-ca", "root-ca")) {
            Path p12 = pki.resolve(name + ".p12");
            OpenSsl.Result certificates = openssl("pkcs12", "-in", p12.toString(),
                    "-passin", "file:" + Pkcs12Files.passwordFileFor(p12), "-nokeys");
            assertThat(certificates.exitCode()).as("openssl pkcs12 -nokeys on %s: %s", name, certificates.output())
                    .isZero();
            int expectedCertificates = name.equals("root-ca") ? 1 : name.equals("issuing-ca") ? 2 : 3;
            assertThat(certificates.output().split("-----BEGIN CERTIFICATE-----", -1)).hasSize(expectedCertificates + 1);

            OpenSsl.Result key = openssl("pkcs12", "-in", p12.toString(),
                    "-passin", "file:" + Pkcs12Files.passwordFileFor(p12), "-nocerts", "-noenc");
            // Do not print the output: it is a private key.
            assertThat(key.exitCode()).as("openssl pkcs12 -nocerts on %s exited %d", name, key.exitCode()).isZero();
            assertThat(key.output().contains("-----BEGIN PRIVATE KEY-----"))
                    .as("openssl decrypted the private key of %s", name).isTrue();
        }
    }

    @Test
    void opensslReportsThePkcs12EncodingWardWrites() throws Exception {
        Path p12 = files.serverP12();
        OpenSsl.Result info = openssl("pkcs12", "-info", "-in", p12.toString(),
                "-passin", "file:" + Pkcs12Files.passwordFileFor(p12), "-noout");
        assertThat(info.exitCode()).as(info.output()).isZero();
        assertThat(info.output()).contains("MAC: sha256, Iteration " + Pkcs12Encoding.ITERATIONS)
                .contains("Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration " + Pkcs12Encoding.ITERATIONS
                        + ", PRF hmacWithSHA256")
                .doesNotContain("PKCS7 Encrypted data");
        assertThat(info.output().split("Certificate bag", -1)).as("leaf, issuing CA, root").hasSize(4);

        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        try (var in = java.nio.file.Files.newInputStream(p12)) {
            store.load(in, SecretFiles.readPassword(Pkcs12Files.passwordFileFor(p12)));
        }
        assertThat(java.util.Collections.list(store.aliases())).as("one key entry, its chain attached").hasSize(1);
        String alias = store.aliases().nextElement();
        assertThat(store.isKeyEntry(alias)).isTrue();
        assertThat(store.getCertificateChain(alias)).hasSize(3);
        assertThat(((java.security.cert.X509Certificate) store.getCertificateChain(alias)[0])
                .getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
    }

    @Test
    void opensslReadsTheServerFromTheRecordedPaths() throws Exception {
        OpenSsl.Result result = openssl("pkcs12", "-in", files.serverP12().toString(),
                "-passin", "file:" + files.serverPassword(), "-nokeys", "-clcerts");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("subject=CN = localhost");
    }

    @Test
    void opensslVerifiesEachLeafAgainstTheTrustAnchors() throws Exception {
        verify("server", "sslserver");
        verify("device", "sslclient");
        verify("ehr", "sslclient");
    }

    @Test
    void opensslRefusesTheServerCertificateForTheClientPurpose() throws Exception {
        // X509_V_ERR_INVALID_PURPOSE (26): the server certificate lacks clientAuth. This shows the
        // purpose checks in the verify test above are not vacuous.
        Path leaf = leafPem("server");
        OpenSsl.Result result = openssl("verify", "-x509_strict", "-purpose", "sslclient",
                "-CAfile", files.trustAnchors().toString(), "-untrusted", pki.resolve("issuing-ca.pem").toString(),
                leaf.toString());
        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(result.output()).contains("unsuitable certificate purpose");
    }

    @Test
    void opensslVerifiesAnRsaLeaf() throws Exception {
        Path rsaDir = Files.createDirectory(temp.resolve("rsa"));
        FacilityCa ca = TestPki.ca(KeyAlgorithm.RSA_3072);
        PkiDirectory layout = new PkiDirectory(rsaDir);
        layout.writeCa(ca, TestPki.RANDOM);
        layout.writeCredential("ehr", new CertificateIssuer(ca, KeyAlgorithm.RSA_3072, java.time.Clock.systemUTC(),
                TestPki.RANDOM).issue(IssueRequest.client("rsa-ehr", 30)), TestPki.RANDOM);
        Path leaf = rsaDir.resolve("ehr-leaf.pem");
        PemCertificates.write(leaf, List.of(PemCertificates.read(layout.chainPem("ehr")).get(0)));

        OpenSsl.Result result = openssl("verify", "-x509_strict", "-purpose", "sslclient",
                "-CAfile", layout.trustAnchors().toString(), "-untrusted", layout.issuingCaPem().toString(),
                leaf.toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
        OpenSsl.Result p12 = openssl("pkcs12", "-in", layout.p12("ehr").toString(),
                "-passin", "file:" + layout.passwordFile("ehr"), "-nokeys");
        assertThat(p12.exitCode()).as(p12.output()).isZero();
    }

    private static void verify(String name, String purpose) throws Exception {
        Path leaf = leafPem(name);
        OpenSsl.Result result = openssl("verify", "-x509_strict", "-purpose", purpose,
                "-CAfile", files.trustAnchors().toString(), "-untrusted", pki.resolve("issuing-ca.pem").toString(),
                leaf.toString());
        assertThat(result.exitCode()).as("openssl verify %s: %s", name, result.output()).isZero();
        assertThat(result.output().strip()).isEqualTo(leaf + ": OK");
    }

    private static Path leafPem(String name) throws IOException {
        Path leaf = temp.resolve(name + "-leaf.pem");
        if (!Files.exists(leaf)) {
            PemCertificates.write(leaf, List.of(PemCertificates.read(pki.resolve(name + "-chain.pem")).get(0)));
        }
        return leaf;
    }

    private static OpenSsl.Result openssl(String... arguments) throws Exception {
        return OpenSsl.run(arguments);
    }
}
