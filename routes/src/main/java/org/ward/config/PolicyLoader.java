package org.ward.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ward.policy.DestinationBinding;
import org.ward.policy.NodeBinding;
import org.ward.policy.PolicyDocument;
import org.ward.policy.PolicyRule;
import org.ward.policy.SourceLine;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * Reads and checks {@code policy.yaml}: roles, the certificates and destinations that hold them,
 * and the rules. Every mistake is reported as {@code file:line:column key.path: message}, like
 * ward.yaml; a policy with any mistake is never used.
 */
public final class PolicyLoader {

    static final List<String> ROOT_KEYS = List.of("roles", "nodes", "destinations", "rules");
    static final List<String> NODE_KEYS = List.of("subject", "issuer", "serial", "eui64", "profile", "roles");

    private final Path file;
    private final Problems problems;
    private final YamlValues values;

    private PolicyLoader(Path file) {
        this.file = file;
        this.problems = new Problems(file);
        this.values = new YamlValues(problems);
    }

    /**
     * Loads and checks a policy file.
     *
     * @param destinations the destination names ward.yaml declares; the policy may only bind these
     * @throws ConfigException listing every mistake
     */
    public static PolicyDocument load(Path file, Set<String> destinations) throws ConfigException {
        PolicyLoader loader = new PolicyLoader(file);
        Optional<PolicyDocument> document = loader.read(destinations);
        List<ConfigError> errors = loader.problems.sorted();
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return document.orElseThrow(() -> new IllegalStateException("no policy and no error for " + file));
    }

    private Optional<PolicyDocument> read(Set<String> destinationNames) {
        Optional<Node> root = YamlFiles.compose(file, problems, "is empty; a policy needs roles, nodes and rules");
        if (root.isEmpty()) {
            return Optional.empty();
        }
        Optional<YamlMapping> mapping = YamlMapping.of(root.get(), "", ROOT_KEYS, problems);
        if (mapping.isEmpty()) {
            return Optional.empty();
        }
        YamlMapping top = mapping.get();
        Map<String, Node> roles = top.required("roles").map(this::roles).orElse(Map.of());
        List<NodeBinding> nodes = top.optional("nodes").map(n -> nodes(n, roles)).orElse(List.of());
        List<DestinationBinding> destinations = top.optional("destinations")
                .map(n -> destinations(n, roles, destinationNames)).orElse(List.of());
        List<PolicyRule> rules = top.optional("rules")
                .map(n -> new PolicyRuleReader(file, problems, values, roles.keySet()).rules(n)).orElse(List.of());
        if (problems.count() > 0) {
            return Optional.empty();
        }
        return Optional.of(new PolicyDocument(file, version(), roles.keySet(), nodes, destinations, rules));
    }

    /** {@code roles:} maps each role name to a description of who holds it. */
    private Map<String, Node> roles(Node node) {
        Map<String, Node> roles = new LinkedHashMap<>();
        if (!(node instanceof MappingNode mapping)) {
            problems.at(node, "roles", "expected a mapping of role name to description, found " + YamlValues.describe(node));
            return roles;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            Optional<String> name = values.text(tuple.getKeyNode(), "roles");
            if (name.isEmpty()) {
                continue;
            }
            String path = "roles." + name.get();
            if (!name.get().matches("[a-z][a-z0-9-]*")) {
                problems.at(tuple.getKeyNode(), path, "a role name is lowercase letters, digits and '-', starting with a letter");
            } else if (roles.containsKey(name.get())) {
                problems.at(tuple.getKeyNode(), path, "role '" + name.get() + "' is declared twice (first on line "
                        + (roles.get(name.get()).getStartMark().getLine() + 1) + ")");
            } else {
                roles.put(name.get(), tuple.getKeyNode());
            }
        }
        return roles;
    }

    private List<NodeBinding> nodes(Node node, Map<String, Node> roles) {
        List<NodeBinding> bindings = new ArrayList<>();
        List<Node> items = values.list(node, "nodes").orElse(List.of());
        for (int i = 0; i < items.size(); i++) {
            String path = "nodes[" + i + "]";
            Node item = items.get(i);
            YamlMapping.of(item, path, NODE_KEYS, problems).ifPresent(m -> node(m, item, path, roles)
                    .ifPresent(bindings::add));
        }
        return bindings;
    }

    private Optional<NodeBinding> node(YamlMapping m, Node item, String path, Map<String, Node> roles) {
        int before = problems.count();
        Optional<String> subject = m.optional("subject").flatMap(n -> values.text(n, m.child("subject")));
        Optional<String> issuer = m.optional("issuer").flatMap(n -> values.text(n, m.child("issuer")));
        Optional<String> serial = m.optional("serial").flatMap(n -> values.text(n, m.child("serial"))
                .filter(s -> hex(s, n, m.child("serial"), "hexadecimal, as `openssl x509 -serial` prints it")));
        Optional<String> eui64 = m.optional("eui64").flatMap(n -> values.text(n, m.child("eui64"))
                .filter(s -> check(s.matches("[0-9A-Fa-f*?]{1,16}"), n, m.child("eui64"),
                        "an EUI-64 is 16 hexadecimal digits; * and ? may stand for some of them")));
        Optional<org.ward.policy.NodeProfile> profile = m.optional("profile")
                .flatMap(n -> values.text(n, m.child("profile")).flatMap(t -> parse(n, m.child("profile"),
                        () -> org.ward.policy.NodeProfile.parse(t))));
        Set<String> held = m.required("roles").map(n -> roleList(n, m.child("roles"), roles)).orElse(Set.of());
        if (subject.isEmpty() && issuer.isEmpty() && serial.isEmpty() && eui64.isEmpty() && profile.isEmpty()
                && problems.count() == before) {
            problems.at(item, path, "a node binding must match at least one of subject, issuer, serial, eui64, profile");
        }
        if (problems.count() > before) {
            return Optional.empty();
        }
        return Optional.of(new NodeBinding(subject, issuer, serial, eui64, profile, held, line(item)));
    }

    private List<DestinationBinding> destinations(Node node, Map<String, Node> roles, Set<String> known) {
        List<DestinationBinding> bindings = new ArrayList<>();
        if (!(node instanceof MappingNode mapping)) {
            problems.at(node, "destinations", "expected a mapping of destination name to roles, found "
                    + YamlValues.describe(node));
            return bindings;
        }
        Set<String> seen = new LinkedHashSet<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Optional<String> name = values.text(tuple.getKeyNode(), "destinations");
            if (name.isEmpty()) {
                continue;
            }
            String path = "destinations." + name.get();
            if (!seen.add(name.get())) {
                problems.at(tuple.getKeyNode(), path, "destination '" + name.get() + "' is bound twice");
                continue;
            }
            if (known != null && !known.contains(name.get()) && !name.get().equals("*")) {
                problems.at(tuple.getKeyNode(), path, "no destination '" + name.get() + "' in ward.yaml"
                        + (known.isEmpty() ? " (it declares none)" : "; it declares " + String.join(", ", known)));
            }
            Set<String> held = roleList(tuple.getValueNode(), path, roles);
            bindings.add(new DestinationBinding(name.get(), held, line(tuple.getKeyNode())));
        }
        return bindings;
    }

    /** A list of declared role names (a single name is accepted too). */
    Set<String> roleList(Node node, String path, Map<String, Node> roles) {
        return PolicyRuleReader.names(node, path, values).stream()
                .filter(role -> check(roles.containsKey(role), node, path, "unknown role '" + role + "'"
                        + (roles.isEmpty() ? "" : "; roles: " + String.join(", ", roles.keySet()))))
                .collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new));
    }

    private boolean hex(String s, Node node, String path, String expected) {
        return check(s.matches("[0-9A-Fa-f:]{1,64}"), node, path, "expected " + expected);
    }

    private boolean check(boolean ok, Node node, String path, String message) {
        if (!ok) {
            problems.at(node, path, message);
        }
        return ok;
    }

    private <T> Optional<T> parse(Node node, String path, java.util.function.Supplier<T> parser) {
        try {
            return Optional.of(parser.get());
        } catch (IllegalArgumentException e) {
            problems.at(node, path, e.getMessage());
            return Optional.empty();
        }
    }

    private SourceLine line(Node node) {
        return new SourceLine(file, node.getStartMark().getLine() + 1);
    }

    private String version() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("policy file " + file + " could not be read again", e);
        }
    }
}
