package org.ward.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One mistake in a configuration file, located by 1-based line and column and by the key path
 * ({@code listeners[0].tls.protocols[1]}) of the offending value.
 */
public record ConfigError(Path file, int line, int column, String keyPath, String message) {

    public ConfigError {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(keyPath, "keyPath");
        Objects.requireNonNull(message, "message");
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based, got " + line + ":" + column);
        }
    }

    /** {@code file:line:column key.path: message}, the form compilers use, so editors can jump to it. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + " " + keyPath + ": " + message;
    }
}
