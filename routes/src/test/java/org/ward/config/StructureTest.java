package org.ward.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ward.tls.Bcp195CipherSuites;
import org.ward.tls.TlsProtocol;

/** Keys, types, required keys and defaults. */
class StructureTest {

    @TempDir
    Path home;

    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(home);
    }

    @Test
    void reportsEveryMistakeInOnePassWithItsPosition() {
        List<ConfigError> errors = fixture.errors("""
                data-dir: var
                listeners:
                  - name: devices
                    port: 70000
                    need-client-auth: false
                    tls:
                      key-store: certs/server.p12
                      key-store-password-file: certs/server.p12.password
                      trust-anchors: certs/ca.pem
                      protocols: [TLSv1.3, TLSv1.1]
                """);

        assertThat(errors)
                .extracting(ConfigError::line, ConfigError::column, ConfigError::keyPath)
                .containsExactly(
                        tuple(4, 11, "listeners[0].port"),
                        tuple(5, 5, "listeners[0].need-client-auth"),
                        tuple(10, 28, "listeners[0].tls.protocols[1]"));
        assertThat(errors.get(0)).hasToString(
                fixture.file + ":4:11 listeners[0].port: 70000 is not a port number (0-65535)");
        assertThat(errors.get(1).message()).contains("unknown key 'need-client-auth'");
        assertThat(errors.get(2).message()).contains("TLS 1.2 is the floor");
    }

    @Test
    void unknownKeyNamesTheAllowedKeysAtItsLevel() {
        List<ConfigError> errors = fixture.errors("""
                data-dir: var
                listners: []
                """);

        assertThat(errors).filteredOn(e -> e.keyPath().equals("listners")).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(2);
            assertThat(error.column()).isEqualTo(1);
            assertThat(error.message())
                    .contains("unknown key 'listners'")
                    .contains("did you mean 'listeners'?")
                    .contains("allowed keys here: data-dir, development-pki, pcd-profiles, audit, journal, listeners, destinations, routes");
        });
    }

    @Test
    void misspeltTlsIsAnErrorNotAListenerWithoutTls() {
        List<ConfigError> errors = fixture.errors("""
                listeners:
                  - name: devices
                    port: 2575
                    tsl:
                      key-store: certs/server.p12
                """);

        assertThat(errors)
                .extracting(ConfigError::line, ConfigError::keyPath)
                .containsExactly(tuple(2, "listeners[0].tls"), tuple(4, "listeners[0].tsl"));
        assertThat(errors.get(0).message()).isEqualTo("required key 'tls' is missing");
        assertThat(errors.get(1).message()).contains("did you mean 'tls'?");
    }

    @Test
    void unknownKeyInsideTls() {
        List<ConfigError> errors = fixture.errors(ConfigFixture.listener("    port: 2575\n")
                + "      need-client-auth: false\n");

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(8);
            assertThat(error.keyPath()).isEqualTo("listeners[0].tls.need-client-auth");
            assertThat(error.message()).contains("allowed keys here: key-store, key-store-password-file,"
                    + " trust-anchors, protocols, cipher-suites");
        });
    }

    @Test
    void duplicateKeyIsAnError() {
        List<ConfigError> errors = fixture.errors(ConfigFixture.listener("""
                    port: 2575
                    port: 2576
                """));

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(4);
            assertThat(error.keyPath()).isEqualTo("listeners[0].port");
            assertThat(error.message()).isEqualTo("duplicate key 'port' (first given on line 3)");
        });
    }

    @Test
    void duplicateRootKeyIsAnError() {
        List<ConfigError> errors = fixture.errors("development-pki: false\n"
                + ConfigFixture.listener("    port: 2575\n") + "development-pki: true\n");

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(9);
            assertThat(error.keyPath()).isEqualTo("development-pki");
            assertThat(error.message()).contains("duplicate key");
        });
    }

    @Test
    void wrongTypesAreReportedForEveryKey() {
        List<ConfigError> errors = fixture.errors("""
                data-dir: [var]
                listeners:
                  - name: {first: devices}
                    port: abc
                    max-frame-bytes: 1.5
                    idle-timeout: [5m]
                    default-charset: {}
                    tls:
                      key-store: certs/server.p12
                      key-store-password-file: certs/server.p12.password
                      trust-anchors: certs/ca.pem
                      protocols: TLSv1.3
                      cipher-suites: {a: b}
                  - name: second
                    port: "2576"
                    tls: certs
                """);

        assertThat(errors)
                .extracting(ConfigError::line, ConfigError::keyPath, ConfigError::message)
                .containsExactly(
                        tuple(1, "data-dir", "expected a text value, found a list"),
                        tuple(3, "listeners[0].name", "expected a text value, found a mapping"),
                        tuple(4, "listeners[0].port", "expected a whole number written in decimal, found 'abc'"),
                        tuple(5, "listeners[0].max-frame-bytes", "expected a whole number written in decimal, found '1.5'"),
                        tuple(6, "listeners[0].idle-timeout", "expected a text value, found a list"),
                        tuple(7, "listeners[0].default-charset", "expected a text value, found a mapping"),
                        tuple(12, "listeners[0].tls.protocols", "expected a list, found 'TLSv1.3'"),
                        tuple(13, "listeners[0].tls.cipher-suites", "expected a list, found a mapping"),
                        tuple(15, "listeners[1].port", "expected a whole number written in decimal, found quoted text \"2576\""),
                        tuple(16, "listeners[1].tls", "expected a mapping with keys key-store, key-store-password-file,"
                                + " trust-anchors, protocols, cipher-suites, revocation, crls, revocation-recheck,"
                                + " pinned-certificates, found 'certs'"));
    }

    @Test
    void listenersMustBeAListOfMappings() {
        assertThat(fixture.errors("listeners:\n  devices: {}\n"))
                .singleElement()
                .satisfies(error -> assertThat(error.message()).isEqualTo("expected a list, found a mapping"));
        assertThat(fixture.errors("listeners: [devices]\n"))
                .singleElement()
                .satisfies(error -> {
                    assertThat(error.keyPath()).isEqualTo("listeners[0]");
                    assertThat(error.message()).startsWith("expected a mapping with keys name, bind, port");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "no", "on", "off", "True", "FALSE", "1", "\"true\"", "'false'"})
    void booleansAreOnlyTrueOrFalse(String value) {
        List<ConfigError> errors = fixture.errors(ConfigFixture.listener("    port: 2575\n    log-phi: " + value + "\n"));

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.keyPath()).isEqualTo("listeners[0].log-phi");
            assertThat(error.message()).startsWith("expected true or false, found");
        });
    }

    @Test
    void trueAndFalseAreBooleans() throws ConfigException {
        assertThat(fixture.load(ConfigFixture.listener("    port: 2575\n    log-phi: true\n"))
                .listeners().get(0).logPhi()).isTrue();
        assertThat(fixture.load("development-pki: false\n" + ConfigFixture.listener("    port: 2575\n"))
                .developmentPki()).isFalse();
    }

    @Test
    void keyWithoutValueIsAnError() {
        List<ConfigError> errors = fixture.errors(ConfigFixture.listener("    port: 2575\n    idle-timeout:\n"));

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(4);
            assertThat(error.keyPath()).isEqualTo("listeners[0].idle-timeout");
            assertThat(error.message()).contains("has no value");
        });
    }

    @Test
    void listenersAreRequired() {
        assertThat(fixture.errors("data-dir: var\n")).singleElement().satisfies(error -> {
            assertThat(error.keyPath()).isEqualTo("listeners");
            assertThat(error.message()).isEqualTo("required key 'listeners' is missing");
        });
    }

    @Test
    void atLeastOneListenerIsRequired() {
        assertThat(fixture.errors("listeners: []\n")).singleElement().satisfies(error -> {
            assertThat(error.keyPath()).isEqualTo("listeners");
            assertThat(error.message()).isEqualTo("at least one listener is required");
        });
    }

    @Test
    void listenerNeedsNamePortAndTls() {
        assertThat(fixture.errors("listeners:\n  - bind: 127.0.0.1\n"))
                .extracting(ConfigError::line, ConfigError::keyPath)
                .containsExactlyInAnyOrder(
                        tuple(2, "listeners[0].name"), tuple(2, "listeners[0].port"), tuple(2, "listeners[0].tls"));
    }

    @Test
    void tlsNeedsKeyStorePasswordFileAndTrustAnchors() {
        List<ConfigError> errors = fixture.errors("""
                listeners:
                  - name: devices
                    port: 2575
                    tls:
                      protocols: [TLSv1.3]
                """);

        assertThat(errors)
                .extracting(ConfigError::keyPath, ConfigError::message)
                .containsExactlyInAnyOrder(
                        tuple("listeners[0].tls.key-store", "required key 'key-store' is missing"),
                        tuple("listeners[0].tls.key-store-password-file", "required key 'key-store-password-file' is missing"),
                        tuple("listeners[0].tls.trust-anchors", "required key 'trust-anchors' is missing"));
        assertThat(errors).allSatisfy(error -> assertThat(error.line()).isEqualTo(5));
    }

    @Test
    void defaultsApplyWhenKeysAreAbsent() throws ConfigException {
        WardConfig config = fixture.load(ConfigFixture.listener("    port: 2575\n"));

        assertThat(config.dataDir()).isEqualTo(home.toAbsolutePath().resolve("var"));
        assertThat(config.developmentPki()).isFalse();
        ListenerConfig listener = config.listeners().get(0);
        assertThat(listener.bind()).isEqualTo("127.0.0.1");
        assertThat(listener.maxFrameBytes()).isEqualTo(1_048_576);
        assertThat(listener.idleTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(listener.defaultCharset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(listener.logPhi()).isFalse();
        assertThat(listener.tls().protocols()).containsExactly(TlsProtocol.TLS_1_3, TlsProtocol.TLS_1_2);
        assertThat(listener.tls().cipherSuites()).isEqualTo(Bcp195CipherSuites.ALL);
    }

    @Test
    void errorsComeInFileOrder() {
        List<ConfigError> errors = fixture.errors("""
                listeners:
                  - name: Bad
                    port: -1
                    tls: x
                development-pki: maybe
                """);

        assertThat(errors).extracting(ConfigError::line).containsExactly(2, 3, 4, 5);
    }
}
