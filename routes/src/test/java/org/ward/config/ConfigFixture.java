package org.ward.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A Ward home in a temp dir with real TLS files under certs/, and helpers to write ward.yaml. */
final class ConfigFixture {

    /** A valid tls section, indented for a listener at list depth one. */
    static final String TLS = """
                tls:
                  key-store: certs/server.p12
                  key-store-password-file: certs/server.p12.password
                  trust-anchors: certs/ca.pem
            """;

    final Path home;
    final Path file;

    ConfigFixture(Path home) {
        this.home = home;
        this.file = home.resolve("ward.yaml");
        try {
            Files.createDirectories(home.resolve("certs"));
            for (String name : List.of("server.p12", "server.p12.password", "ca.pem")) {
                Files.writeString(home.resolve("certs").resolve(name), "x");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A one-listener file: the given listener lines (4-space indented) come after name and before tls. */
    static String listener(String lines) {
        return "listeners:\n  - name: devices\n" + lines + TLS;
    }

    List<ConfigError> errors(String yaml) {
        write(yaml);
        return WardConfigLoader.validate(file, home);
    }

    WardConfig load(String yaml) throws ConfigException {
        write(yaml);
        return WardConfigLoader.load(file, home);
    }

    void write(String yaml) {
        try {
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
