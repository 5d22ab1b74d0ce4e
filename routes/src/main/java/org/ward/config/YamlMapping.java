package org.ward.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * One YAML mapping checked against the keys allowed at its level. Unknown and duplicate keys are
 * errors: a misspelt security key ({@code tsl:}) must never be silently ignored.
 */
final class YamlMapping {

    private final MappingNode node;
    private final String path;
    private final Problems problems;
    private final Map<String, Node> values = new LinkedHashMap<>();

    private YamlMapping(MappingNode node, String path, List<String> allowedKeys, Problems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
        Map<String, Node> keyNodes = new LinkedHashMap<>();
        for (NodeTuple tuple : node.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode scalar)) {
                problems.at(keyNode, where(), "a key must be a plain word, found " + YamlValues.describe(keyNode));
                continue;
            }
            String key = scalar.getValue();
            if (!allowedKeys.contains(key)) {
                problems.at(keyNode, child(key), unknownKey(key, allowedKeys));
            } else if (keyNodes.containsKey(key)) {
                problems.at(keyNode, child(key), "duplicate key '" + key + "' (first given on line "
                        + (keyNodes.get(key).getStartMark().getLine() + 1) + ")");
            } else {
                keyNodes.put(key, keyNode);
                values.put(key, tuple.getValueNode());
            }
        }
    }

    /** The node as a mapping, or empty after reporting that it is something else. */
    static Optional<YamlMapping> of(Node node, String path, List<String> allowedKeys, Problems problems) {
        if (node instanceof MappingNode mapping) {
            return Optional.of(new YamlMapping(mapping, path, allowedKeys, problems));
        }
        problems.at(node, display(path), "expected a mapping with keys " + String.join(", ", allowedKeys)
                + ", found " + YamlValues.describe(node));
        return Optional.empty();
    }

    /** The keys given, in file order, with their value nodes. */
    Map<String, Node> given() {
        return java.util.Collections.unmodifiableMap(values);
    }

    String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The value of an optional key; empty when absent, or when present without a value (reported). */
    Optional<Node> optional(String key) {
        Node value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (YamlValues.isNull(value)) {
            problems.at(value, child(key), "has no value; give one or remove the key");
            return Optional.empty();
        }
        return Optional.of(value);
    }

    /** The value of a required key; empty after reporting that it is missing or has no value. */
    Optional<Node> required(String key) {
        if (!values.containsKey(key)) {
            problems.at(node, child(key), "required key '" + key + "' is missing");
            return Optional.empty();
        }
        return optional(key);
    }

    private String where() {
        return display(path);
    }

    /** The root mapping has an empty key path; errors about it name the document instead. */
    static String display(String path) {
        return path.isEmpty() ? "(document)" : path;
    }

    private static String unknownKey(String key, List<String> allowedKeys) {
        StringBuilder message = new StringBuilder("unknown key '").append(key).append("'");
        allowedKeys.stream()
                .filter(allowed -> editDistance(key, allowed) <= 2)
                .findFirst()
                .ifPresent(near -> message.append(" (did you mean '").append(near).append("'?)"));
        return message.append("; allowed keys here: ").append(String.join(", ", allowedKeys)).toString();
    }

    /** Levenshtein distance, for "did you mean" hints on short keys. */
    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
