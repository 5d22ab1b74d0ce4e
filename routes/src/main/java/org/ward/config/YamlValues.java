package org.ward.config;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed reads of YAML nodes. Stricter than YAML 1.1 on purpose: booleans are only {@code true} and
 * {@code false} (not {@code yes}/{@code on}), integers only plain decimals (not {@code 0x1F}, not
 * {@code 0123}, which YAML 1.1 reads as octal).
 */
final class YamlValues {

    private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]{0,17})");

    private final Problems problems;

    YamlValues(Problems problems) {
        this.problems = problems;
    }

    Optional<String> text(Node node, String path) {
        if (node instanceof ScalarNode scalar && !isNull(scalar)) {
            return Optional.of(scalar.getValue());
        }
        problems.at(node, path, "expected a text value, found " + describe(node));
        return Optional.empty();
    }

    Optional<Long> wholeNumber(Node node, String path) {
        if (node instanceof ScalarNode scalar && Tag.INT.equals(scalar.getTag())
                && DECIMAL.matcher(scalar.getValue()).matches()) {
            return Optional.of(Long.parseLong(scalar.getValue()));
        }
        problems.at(node, path, "expected a whole number written in decimal, found " + describe(node));
        return Optional.empty();
    }

    /**
     * A TCP port from {@code lowest} (0 for "any free port", 1 where a real port is needed) to
     * 65535; anything else is reported with the range.
     */
    Optional<Integer> port(Node node, String path, int lowest) {
        return wholeNumber(node, path).flatMap(port -> {
            if (port >= lowest && port <= 65535) {
                return Optional.of(port.intValue());
            }
            problems.at(node, path, port + " is not a port number (" + lowest + "-65535)");
            return Optional.empty();
        });
    }

    Optional<Boolean> bool(Node node, String path) {
        if (node instanceof ScalarNode scalar && scalar.isPlain()) {
            if (scalar.getValue().equals("true")) {
                return Optional.of(true);
            }
            if (scalar.getValue().equals("false")) {
                return Optional.of(false);
            }
        }
        problems.at(node, path, "expected true or false, found " + describe(node));
        return Optional.empty();
    }

    Optional<List<Node>> list(Node node, String path) {
        if (node instanceof SequenceNode sequence) {
            return Optional.of(sequence.getValue());
        }
        problems.at(node, path, "expected a list, found " + describe(node));
        return Optional.empty();
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    /** Names a node's kind for error messages, quoting scalars so blanks and quotes are visible. */
    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (isNull(node)) {
            return "no value";
        }
        ScalarNode scalar = (ScalarNode) node;
        return scalar.isPlain() ? "'" + scalar.getValue() + "'" : "quoted text \"" + scalar.getValue() + "\"";
    }
}
