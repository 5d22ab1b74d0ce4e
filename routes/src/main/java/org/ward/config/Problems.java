package org.ward.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/** Collects every error of one load, so the operator sees them all at once. */
final class Problems {

    private final Path file;
    private final List<ConfigError> errors = new ArrayList<>();

    Problems(Path file) {
        this.file = file;
    }

    void at(Node node, String keyPath, String message) {
        at(node.getStartMark(), keyPath, message);
    }

    /** SnakeYAML marks are 0-based; a null mark (no position known) becomes 1:1. */
    void at(Mark mark, String keyPath, String message) {
        int line = mark == null ? 1 : mark.getLine() + 1;
        int column = mark == null ? 1 : mark.getColumn() + 1;
        errors.add(new ConfigError(file, line, column, keyPath, message));
    }

    /** An error in another file than the one being read (policy.yaml, a Camel route file). */
    void add(ConfigError error) {
        errors.add(error);
    }

    int count() {
        return errors.size();
    }

    /**
     * In file order, so the list reads top to bottom like the file: the file being read first, then
     * each other file by name.
     */
    List<ConfigError> sorted() {
        return errors.stream()
                .sorted(Comparator.comparing((ConfigError e) -> !e.file().equals(file))
                        .thenComparing(e -> e.file().toString())
                        .thenComparingInt(ConfigError::line).thenComparingInt(ConfigError::column))
                .toList();
    }
}
