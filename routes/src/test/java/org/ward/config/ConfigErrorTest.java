package org.ward.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigErrorTest {

    private static final Path FILE = Path.of("config/ward.yaml");

    @Test
    void printsAsFileLineColumnKeyPathMessage() {
        ConfigError error = new ConfigError(FILE, 12, 11, "listeners[0].port", "70000 is not a port number (0-65535)");

        assertThat(error).hasToString("config/ward.yaml:12:11 listeners[0].port: 70000 is not a port number (0-65535)");
    }

    @Test
    void positionsAreOneBased() {
        assertThatThrownBy(() -> new ConfigError(FILE, 0, 1, "k", "m")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConfigError(FILE, 1, 0, "k", "m")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void exceptionMessageHasEveryErrorOnItsOwnLine() {
        ConfigError first = new ConfigError(FILE, 3, 5, "listeners[0].tsl", "unknown key 'tsl'");
        ConfigError second = new ConfigError(FILE, 4, 11, "listeners[0].port", "70000 is not a port number (0-65535)");

        ConfigException exception = new ConfigException(List.of(first, second));

        assertThat(exception.errors()).containsExactly(first, second);
        assertThat(exception.getMessage()).isEqualTo(
                "config/ward.yaml:3:5 listeners[0].tsl: unknown key 'tsl'\n"
                        + "config/ward.yaml:4:11 listeners[0].port: 70000 is not a port number (0-65535)");
    }

    @Test
    void exceptionNeedsAnError() {
        assertThatThrownBy(() -> new ConfigException(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
