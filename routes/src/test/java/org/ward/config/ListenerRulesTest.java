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
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Value rules of a listener: name, port, limits, charset, and clashes between listeners. */
class ListenerRulesTest {

    @TempDir
    Path home;

    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(home);
    }

    private List<ConfigError> errorsWith(String listenerLines) {
        return fixture.errors(ConfigFixture.listener(listenerLines));
    }

    private ListenerConfig loadWith(String listenerLines) throws ConfigException {
        return fixture.load(ConfigFixture.listener(listenerLines)).listeners().get(0);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2575, 65535})
    void portsFromZeroTo65535AreAccepted(int port) throws ConfigException {
        assertThat(loadWith("    port: " + port + "\n").port()).isEqualTo(port);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "65536", "70000", "99999999999"})
    void portsOutsideTheRangeAreRejected(String port) {
        assertThat(errorsWith("    port: " + port + "\n")).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(3);
            assertThat(error.column()).isEqualTo(11);
            assertThat(error.keyPath()).isEqualTo("listeners[0].port");
            assertThat(error.message()).isEqualTo(port + " is not a port number (0-65535)");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x9FF", "02575", "2_575"})
    void portsMustBePlainDecimals(String port) {
        assertThat(errorsWith("    port: " + port + "\n"))
                .singleElement()
                .satisfies(error -> assertThat(error.message()).startsWith("expected a whole number written in decimal"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"devices", "lab-2", "0monitors", "a"})
    void validListenerNames(String name) throws ConfigException {
        String yaml = ConfigFixture.listener("    port: 2575\n").replace("name: devices", "name: " + name);

        assertThat(fixture.load(yaml).listener(name)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Devices", "-devices", "lab_2", "lab 2", "lab.2", "''"})
    void invalidListenerNames(String name) {
        String yaml = ConfigFixture.listener("    port: 2575\n").replace("name: devices", "name: " + name);

        assertThat(fixture.errors(yaml)).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(2);
            assertThat(error.keyPath()).isEqualTo("listeners[0].name");
            assertThat(error.message()).contains("is not a valid listener name").contains("[a-z0-9][a-z0-9-]*");
        });
    }

    @Test
    void listenerNamesAreUnique() {
        List<ConfigError> errors = fixture.errors("""
                listeners:
                  - name: devices
                    port: 2575
                %s  - name: devices
                    port: 2576
                %s""".formatted(ConfigFixture.TLS, ConfigFixture.TLS));

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(8);
            assertThat(error.keyPath()).isEqualTo("listeners[1].name");
            assertThat(error.message()).isEqualTo("listener name 'devices' is already used by listeners[0] (line 2)");
        });
    }

    @Test
    void twoListenersOnTheSameBindAndPortClash() {
        List<ConfigError> errors = fixture.errors("""
                listeners:
                  - name: devices
                    port: 2575
                %s  - name: lab
                    bind: 127.0.0.1
                    port: 2575
                %s""".formatted(ConfigFixture.TLS, ConfigFixture.TLS));

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(10);
            assertThat(error.keyPath()).isEqualTo("listeners[1].port");
            assertThat(error.message())
                    .isEqualTo("127.0.0.1:2575 clashes with 127.0.0.1:2575 of listeners[0] (line 3)");
        });
    }

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1, 2575, 127.0.0.1, 2575, true",
        "0.0.0.0,   2575, 127.0.0.1, 2575, true",
        "127.0.0.1, 2575, '::',      2575, true",
        "127.0.0.1, 2575, 127.0.0.2, 2575, false",
        "127.0.0.1, 2575, 127.0.0.1, 2576, false",
        "127.0.0.1, 0,    127.0.0.1, 0,    false",
    })
    void socketsClashOnlyWhenTheyWouldBindTheSameAddressAndPort(
            String bindA, int portA, String bindB, int portB, boolean clash) {
        String yaml = """
                listeners:
                  - name: a
                    bind: '%s'
                    port: %d
                %s  - name: b
                    bind: '%s'
                    port: %d
                %s""".formatted(bindA, portA, ConfigFixture.TLS, bindB, portB, ConfigFixture.TLS);

        assertThat(fixture.errors(yaml)).hasSize(clash ? 1 : 0);
    }

    @Test
    void duplicatesAreFoundEvenWhenTheListenerHasOtherMistakes() {
        List<ConfigError> errors = fixture.errors("""
                listeners:
                  - name: devices
                    port: 2575
                %s  - name: devices
                    port: 2575
                    idle-timeout: forever
                %s""".formatted(ConfigFixture.TLS, ConfigFixture.TLS));

        assertThat(errors)
                .extracting(ConfigError::line, ConfigError::keyPath)
                .containsExactly(
                        tuple(8, "listeners[1].name"), tuple(9, "listeners[1].port"), tuple(10, "listeners[1].idle-timeout"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 1_048_576, 67_108_864})
    void maxFrameBytesWithinLimitsIsAccepted(int bytes) throws ConfigException {
        assertThat(loadWith("    port: 2575\n    max-frame-bytes: " + bytes + "\n").maxFrameBytes()).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "67108865", "4294967296"})
    void maxFrameBytesOutsideLimitsNamesTheLimit(String bytes) {
        assertThat(errorsWith("    port: 2575\n    max-frame-bytes: " + bytes + "\n")).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(4);
            assertThat(error.keyPath()).isEqualTo("listeners[0].max-frame-bytes");
            assertThat(error.message()).isEqualTo(
                    bytes + " is out of range: max-frame-bytes must be 1 to 67108864 (64 MiB)");
        });
    }

    @ParameterizedTest
    @CsvSource({"500ms, PT0.5S", "30s, PT30S", "5m, PT5M", "1h, PT1H", "24h, PT24H", "1ms, PT0.001S"})
    void idleTimeoutTakesAWholeNumberAndAUnit(String text, Duration expected) throws ConfigException {
        assertThat(loadWith("    port: 2575\n    idle-timeout: " + text + "\n").idleTimeout()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "5min", "1.5s", "five minutes", "1d", "PT5M"})
    void idleTimeoutWithoutAKnownUnitIsRejected(String text) {
        assertThat(errorsWith("    port: 2575\n    idle-timeout: " + text + "\n")).singleElement().satisfies(error -> {
            assertThat(error.keyPath()).isEqualTo("listeners[0].idle-timeout");
            assertThat(error.message()).contains("is not a duration").contains("500ms, 30s, 5m or 1h");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"0s", "0ms", "25h", "1441m"})
    void idleTimeoutMustBePositiveAndAtMostADay(String text) {
        assertThat(errorsWith("    port: 2575\n    idle-timeout: " + text + "\n")).singleElement().satisfies(error ->
                assertThat(error.message()).isEqualTo(
                        text + " is out of range: idle-timeout must be more than 0 and at most 24h"));
    }

    @Test
    void defaultCharsetTakesAnyJavaCharsetName() throws ConfigException {
        assertThat(loadWith("    port: 2575\n    default-charset: ISO-8859-1\n").defaultCharset())
                .isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(loadWith("    port: 2575\n    default-charset: latin1\n").defaultCharset())
                .isEqualTo(StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-9", "no such charset", "''"})
    void unknownCharsetIsRejected(String name) {
        assertThat(errorsWith("    port: 2575\n    default-charset: " + name + "\n")).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(4);
            assertThat(error.keyPath()).isEqualTo("listeners[0].default-charset");
            assertThat(error.message()).contains("is not a charset this Java runtime supports");
        });
    }

    @Test
    void bindMustNotBeEmpty() {
        assertThat(errorsWith("    port: 2575\n    bind: ''\n")).singleElement().satisfies(error -> {
            assertThat(error.keyPath()).isEqualTo("listeners[0].bind");
            assertThat(error.message()).startsWith("is empty");
        });
    }
}
