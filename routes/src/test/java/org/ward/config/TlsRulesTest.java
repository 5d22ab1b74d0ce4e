package org.ward.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ward.tls.TlsProtocol;

/** Protocols, cipher suites and the files a TLS section refers to. */
class TlsRulesTest {

    @TempDir
    Path home;

    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(home);
    }

    /** The valid listener plus extra tls lines; those start on line 8. */
    private String withTls(String tlsLines) {
        return ConfigFixture.listener("    port: 2575\n") + tlsLines;
    }

    private static String tls(String keyStore, String passwordFile, String trustAnchors) {
        return """
                listeners:
                  - name: devices
                    port: 2575
                    tls:
                      key-store: %s
                      key-store-password-file: %s
                      trust-anchors: %s
                """.formatted(keyStore, passwordFile, trustAnchors);
    }

    @Test
    void protocolsKeepTheirOrder() throws ConfigException {
        assertThat(fixture.load(withTls("      protocols: [TLSv1.2, TLSv1.3]\n")).listeners().get(0).tls().protocols())
                .containsExactly(TlsProtocol.TLS_1_2, TlsProtocol.TLS_1_3);
        assertThat(fixture.load(withTls("      protocols: [TLSv1.3]\n")).listeners().get(0).tls().protocols())
                .containsExactly(TlsProtocol.TLS_1_3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.1", "TLSv1", "SSLv3"})
    void protocolsBelowTls12AreRejectedCitingTheFloor(String protocol) {
        List<ConfigError> errors = fixture.errors(withTls("      protocols: [TLSv1.3, " + protocol + "]\n"));

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(8);
            assertThat(error.column()).isEqualTo(28);
            assertThat(error.keyPath()).isEqualTo("listeners[0].tls.protocols[1]");
            assertThat(error.message())
                    .startsWith(protocol + " is not allowed")
                    .contains("TLS 1.2 is the floor")
                    .contains("ITI-19")
                    .contains("BCP 195");
        });
    }

    @Test
    void unknownProtocolIsRejected() {
        assertThat(fixture.errors(withTls("      protocols: [TLSv1.4]\n")))
                .singleElement()
                .satisfies(error -> assertThat(error.message())
                        .isEqualTo("'TLSv1.4' is not a TLS version Ward speaks; use TLSv1.3, TLSv1.2"));
    }

    @Test
    void emptyProtocolListIsRejected() {
        assertThat(fixture.errors(withTls("      protocols: []\n"))).singleElement().satisfies(error -> {
            assertThat(error.keyPath()).isEqualTo("listeners[0].tls.protocols");
            assertThat(error.message()).startsWith("must list at least one protocol");
        });
    }

    @Test
    void protocolListedTwiceIsRejected() {
        assertThat(fixture.errors(withTls("      protocols: [TLSv1.3, TLSv1.3]\n")))
                .singleElement()
                .satisfies(error -> assertThat(error.message()).isEqualTo("TLSv1.3 is listed twice"));
    }

    @Test
    void cipherSuitesMayBeASubsetOfBcp195() throws ConfigException {
        WardConfig config = fixture.load(withTls("""
                      cipher-suites:
                        - TLS_AES_256_GCM_SHA384
                        - TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384
                """));

        assertThat(config.listeners().get(0).tls().cipherSuites())
                .containsExactly("TLS_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
    }

    @Test
    void cipherSuiteOutsideBcp195IsRejectedByName() {
        List<ConfigError> errors = fixture.errors(withTls("""
                      cipher-suites:
                        - TLS_AES_128_GCM_SHA256
                        - TLS_RSA_WITH_AES_128_CBC_SHA
                        - TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256
                        - TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA
                """));

        assertThat(errors)
                .extracting(ConfigError::line, ConfigError::keyPath)
                .containsExactly(
                        tuple(10, "listeners[0].tls.cipher-suites[1]"), tuple(12, "listeners[0].tls.cipher-suites[3]"));
        assertThat(errors.get(0).message()).startsWith("TLS_RSA_WITH_AES_128_CBC_SHA is not a BCP 195 cipher suite");
        assertThat(errors.get(1).message()).startsWith("TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA is not a BCP 195 cipher suite");
    }

    @Test
    void emptyCipherSuiteListIsRejected() {
        assertThat(fixture.errors(withTls("      cipher-suites: []\n")))
                .singleElement()
                .satisfies(error -> assertThat(error.message()).startsWith("must list at least one cipher suite"));
    }

    @Test
    void everyEnabledProtocolNeedsASuite() {
        List<ConfigError> errors = fixture.errors(withTls("""
                      protocols: [TLSv1.3, TLSv1.2]
                      cipher-suites: [TLS_AES_128_GCM_SHA256]
                """));

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(9);
            assertThat(error.keyPath()).isEqualTo("listeners[0].tls.cipher-suites");
            assertThat(error.message()).startsWith("protocols enables TLSv1.2 but no cipher suite for it is listed");
        });
    }

    @Test
    void relativePathsResolveAgainstHomeAndAbsoluteOnesAreKept() throws ConfigException {
        Path absolute = home.resolve("certs/ca.pem").toAbsolutePath();
        WardConfig config = fixture.load(tls("certs/server.p12", "./certs/../certs/server.p12.password", absolute.toString()));

        TlsConfig tls = config.listeners().get(0).tls();
        assertThat(tls.keyStore()).isEqualTo(home.toAbsolutePath().resolve("certs/server.p12"));
        assertThat(tls.keyStorePasswordFile()).isEqualTo(home.toAbsolutePath().resolve("certs/server.p12.password"));
        assertThat(tls.trustAnchors()).isEqualTo(absolute);
    }

    @Test
    void missingTlsFilesAreReportedEach() {
        List<ConfigError> errors = fixture.errors(tls("certs/nope.p12", "certs/nope.password", "certs/nope.pem"));

        assertThat(errors)
                .extracting(ConfigError::line, ConfigError::keyPath)
                .containsExactly(
                        tuple(5, "listeners[0].tls.key-store"),
                        tuple(6, "listeners[0].tls.key-store-password-file"),
                        tuple(7, "listeners[0].tls.trust-anchors"));
        assertThat(errors.get(0).message())
                .isEqualTo(home.toAbsolutePath().resolve("certs/nope.p12") + " does not exist");
    }

    @Test
    void aDirectoryIsNotAKeyStore() {
        assertThat(fixture.errors(tls("certs", "certs/server.p12.password", "certs/ca.pem")))
                .singleElement()
                .satisfies(error -> assertThat(error.message()).endsWith("is a directory, not a file"));
    }

    @Test
    void developmentPkiExcusesMissingFilesUnderDataDirPki() throws ConfigException {
        String yaml = "development-pki: true\n" + tls("var/pki/a.p12", "var/pki/a.password", "var/pki/ca.pem");

        assertThat(fixture.load(yaml).listeners().get(0).tls().keyStore())
                .isEqualTo(home.toAbsolutePath().resolve("var/pki/a.p12"));
    }

    @Test
    void developmentPkiDoesNotExcuseFilesElsewhere() {
        String yaml = "development-pki: true\n" + tls("var/pki/a.p12", "var/a.password", "/etc/ward-nope/ca.pem");

        assertThat(fixture.errors(yaml))
                .extracting(ConfigError::keyPath)
                .containsExactly("listeners[0].tls.key-store-password-file", "listeners[0].tls.trust-anchors");
    }

    @Test
    void developmentPkiFollowsDataDir() throws ConfigException {
        String yaml = "data-dir: state\ndevelopment-pki: true\n" + tls("state/pki/a.p12", "state/pki/a.pw", "var/pki/ca.pem");

        List<ConfigError> errors = fixture.errors(yaml);

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.keyPath()).isEqualTo("listeners[0].tls.trust-anchors");
            assertThat(error.message()).doesNotContain("development-pki");
        });
    }

    @Test
    void withoutDevelopmentPkiMissingPkiFilesAreErrorsWithAHint() {
        assertThat(fixture.errors(tls("var/pki/a.p12", "certs/server.p12.password", "certs/ca.pem")))
                .singleElement()
                .satisfies(error -> assertThat(error.message())
                        .contains("does not exist")
                        .contains("set development-pki: true"));
    }

    @Test
    void aWrongDevelopmentPkiValueIsOneErrorNotOnePerFile() {
        String yaml = "development-pki: yes\n" + tls("var/pki/a.p12", "var/pki/a.password", "var/pki/ca.pem");

        assertThat(fixture.errors(yaml)).singleElement().satisfies(error -> {
            assertThat(error.keyPath()).isEqualTo("development-pki");
            assertThat(error.message()).isEqualTo("expected true or false, found 'yes'");
        });
    }

    @Test
    void existingFilesAreAcceptedWithDevelopmentPkiToo() throws IOException, ConfigException {
        Files.createDirectories(home.resolve("var/pki"));
        Files.writeString(home.resolve("var/pki/a.p12"), "x");

        String yaml = "development-pki: true\n" + tls("var/pki/a.p12", "var/pki/a.password", "certs/ca.pem");

        assertThat(fixture.load(yaml).developmentPki()).isTrue();
    }
}
