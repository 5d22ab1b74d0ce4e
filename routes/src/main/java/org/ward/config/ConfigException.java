package org.ward.config;

import java.util.List;
import java.util.stream.Collectors;

/** The configuration cannot be used; {@link #errors()} lists every mistake found, in file order. */
public final class ConfigException extends Exception {

    private final List<ConfigError> errors;

    public ConfigException(List<ConfigError> errors) {
        super(joined(errors));
        this.errors = List.copyOf(errors);
    }

    public List<ConfigError> errors() {
        return errors;
    }

    private static String joined(List<ConfigError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one error");
        }
        return errors.stream().map(ConfigError::toString).collect(Collectors.joining("\n"));
    }
}
