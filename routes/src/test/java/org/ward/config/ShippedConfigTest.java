package org.ward.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ward.policy.AccessPolicy;
import org.ward.policy.Operation;
import org.ward.tls.Bcp195CipherSuites;
import org.ward.tls.TlsProtocol;

/** The config/ward.yaml operators get out of the box. */
class ShippedConfigTest {

    /** Surefire runs in the module directory; the shipped file is at the repository root. */
    private static final Path SHIPPED = Path.of("..", "config", "ward.yaml");

    @TempDir
    Path home;

    @Test
    void loadsCleanlyOnAFreshHomeBecauseTheDevelopmentPkiWillCreateTheFiles() throws ConfigException {
        WardConfig config = WardConfigLoader.load(SHIPPED, home);

        Path pki = home.toAbsolutePath().resolve("var/pki");
        assertThat(config.source()).isEqualTo(SHIPPED);
        assertThat(config.home()).isEqualTo(home.toAbsolutePath());
        assertThat(config.dataDir()).isEqualTo(home.toAbsolutePath().resolve("var"));
        assertThat(config.developmentPki()).isTrue();
        assertThat(config.developmentPkiDir()).isEqualTo(pki);
        assertThat(config.listeners()).hasSize(1);

        ListenerConfig devices = config.listener("devices").orElseThrow();
        assertThat(devices.bind()).isEqualTo("127.0.0.1");
        assertThat(devices.port()).isEqualTo(2575);
        assertThat(devices.maxFrameBytes()).isEqualTo(1_048_576);
        assertThat(devices.idleTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(devices.defaultCharset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(devices.logPhi()).isFalse();
        assertThat(devices.tls().keyStore()).isEqualTo(pki.resolve("server.p12"));
        assertThat(devices.tls().keyStorePasswordFile()).isEqualTo(pki.resolve("server.p12.password"));
        assertThat(devices.tls().trustAnchors()).isEqualTo(pki.resolve("trust-anchors.pem"));
        assertThat(devices.tls().protocols()).containsExactly(TlsProtocol.TLS_1_3, TlsProtocol.TLS_1_2);
        assertThat(devices.tls().cipherSuites()).isEqualTo(Bcp195CipherSuites.ALL);
    }

    @Test
    void theShippedPolicyLetsDevelopmentDevicesSendPcdTransactionsAndNothingElse(@TempDir Path pkiDir) throws Exception {
        WardConfig config = WardConfigLoader.load(SHIPPED, home);
        AccessPolicy policy = AccessPolicy.compile(config.policy());
        var files = org.ward.pki.DevelopmentPki.ensure(pkiDir);
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(files.deviceP12())) {
            store.load(in, Files.readString(org.ward.tls.KeyMaterial.passwordFileFor(files.deviceP12())).strip().toCharArray());
        }
        var certificate = (java.security.cert.X509Certificate) store.getCertificate(store.aliases().nextElement());
        java.util.Set<String> device = policy.rolesOf(org.ward.tls.PeerIdentity.of(certificate));

        assertThat(config.policy().source()).isEqualTo(SHIPPED.getParent().resolve("policy.yaml").toAbsolutePath());
        assertThat(device).containsExactly("pcd-device");
        for (String type : List.of("ORU^R01", "ORU^R40", "ORA^R41", "RGV^O15", "ORU^R42")) {
            assertThat(policy.permits(device, Operation.SEND, type)).as(type).isTrue();
        }
        assertThat(policy.permits(device, Operation.SEND, "ADT^A01")).isFalse();
        assertThat(policy.permits(device, Operation.RECEIVE, "ORU^R01")).isFalse();
        assertThat(policy.rolesOfDestination("anything")).as("no destination is bound by default").isEmpty();
    }

    @Test
    void withoutTheDevelopmentPkiEveryMissingTlsFileIsReported() throws IOException {
        List<String> lines = Files.readAllLines(SHIPPED);
        Path copy = home.resolve("ward.yaml");
        Files.write(copy, lines.stream()
                .map(line -> line.startsWith("development-pki:") ? "development-pki: false" : line)
                .toList());

        List<ConfigError> errors = WardConfigLoader.validate(copy, home);

        assertThat(errors)
                .extracting(ConfigError::line, ConfigError::keyPath)
                .containsExactly(
                        tuple(lineOf(lines, "key-store:"), "audit-repository.tls.key-store"),
                        tuple(lineOf(lines, "key-store-password-file:"), "audit-repository.tls.key-store-password-file"),
                        tuple(lineOf(lines, "trust-anchors:"), "audit-repository.tls.trust-anchors"),
                        tuple(lineAfter(lines, "api:", "key-store:"), "api.tls.key-store"),
                        tuple(lineAfter(lines, "api:", "key-store-password-file:"), "api.tls.key-store-password-file"),
                        tuple(lineAfter(lines, "listeners:", "key-store:"), "listeners[0].tls.key-store"),
                        tuple(lineAfter(lines, "listeners:", "key-store-password-file:"),
                                "listeners[0].tls.key-store-password-file"),
                        tuple(lineAfter(lines, "listeners:", "trust-anchors:"), "listeners[0].tls.trust-anchors"),
                        tuple(lineOf(lines, "crls:"), "listeners[0].tls.crls[0]"));
        assertThat(errors).allSatisfy(error -> assertThat(error.message())
                .contains("does not exist")
                .contains("set development-pki: true"));
    }

    private static int lineOf(List<String> lines, String key) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().startsWith(key)) {
                return i + 1;
            }
        }
        throw new AssertionError(key + " not in " + SHIPPED);
    }

    /** The line of the first {@code key} after the line starting with {@code section}. */
    private static int lineAfter(List<String> lines, String section, String key) {
        int start = lineOf(lines, section);
        for (int i = start; i < lines.size(); i++) {
            if (lines.get(i).trim().startsWith(key)) {
                return i + 1;
            }
        }
        throw new AssertionError(key + " not after " + section + " in " + SHIPPED);
    }
}
