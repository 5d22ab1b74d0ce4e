package org.ward.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;
import org.ward.policy.Action;
import org.ward.policy.Condition;
import org.ward.policy.FieldPath;
import org.ward.policy.MessageTypePattern;
import org.ward.policy.Operation;
import org.ward.policy.PolicyRule;
import org.ward.policy.SegmentCatalog;
import org.ward.policy.SourceLine;
import org.ward.policy.Target;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the {@code rules:} of policy.yaml and refuses what cannot mean anything: an unknown
 * segment, a field the segment does not have, an action that does not fit its target, a rule that
 * contradicts or repeats another, a field rule inside a segment the same rule set drops.
 */
final class PolicyRuleReader {

    static final List<String> RULE_KEYS = List.of("role", "operation", "message-type", "target", "where", "action", "mask");
    /** Segments that head a group or carry what every message needs; dropping one would orphan or break the rest. */
    private static final Set<String> UNDROPPABLE = Set.of("MSH", "MSA", "EVN", "PID", "OBR", "ORC");
    /** MSH fields that make a message a message (HL7 v2.6 §2.14.9: separators, type, control ID, processing ID, version). */
    private static final Set<Integer> STRUCTURAL_HEADER_FIELDS = Set.of(1, 2, 9, 10, 11, 12);
    private static final String HL7_DELIMITERS = "|^~\\&\r\n";

    private final Path file;
    private final Problems problems;
    private final YamlValues values;
    private final Set<String> roles;
    private final List<Node> ruleNodes = new ArrayList<>();

    PolicyRuleReader(Path file, Problems problems, YamlValues values, Set<String> roles) {
        this.file = file;
        this.problems = problems;
        this.values = values;
        this.roles = roles;
    }

    List<PolicyRule> rules(Node node) {
        List<PolicyRule> rules = new ArrayList<>();
        List<Node> items = values.list(node, "rules").orElse(List.of());
        for (int i = 0; i < items.size(); i++) {
            String path = "rules[" + i + "]";
            Node item = items.get(i);
            YamlMapping.of(item, path, RULE_KEYS, problems).ifPresent(m -> {
                for (PolicyRule rule : rule(m, item)) {
                    rules.add(rule);
                    ruleNodes.add(item);
                }
            });
        }
        checkAgainstEachOther(rules);
        return rules;
    }

    private List<PolicyRule> rule(YamlMapping m, Node item) {
        int before = problems.count();
        Optional<String> role = m.required("role").flatMap(n -> values.text(n, m.child("role"))
                .filter(r -> check(roles.contains(r), n, m.child("role"), "unknown role '" + r + "'; declare it under roles:")));
        List<Operation> operations = m.required("operation")
                .map(n -> parsed(names(n, m.child("operation"), values), n, m.child("operation"), Operation::parse))
                .orElse(List.of());
        List<MessageTypePattern> types = m.required("message-type")
                .map(n -> parsed(names(n, m.child("message-type"), values), n, m.child("message-type"), MessageTypePattern::new))
                .orElse(List.of());
        Optional<Node> targetNode = m.optional("target");
        Optional<FieldPath> path = targetNode.flatMap(n -> values.text(n, m.child("target"))
                .flatMap(t -> parse(n, m.child("target"), () -> FieldPath.parse(t))))
                .filter(p -> known(p, targetNode.get(), m.child("target")));
        Optional<Condition> where = m.optional("where").flatMap(n -> where(n, m.child("where"), path));
        Optional<Action> action = m.required("action").flatMap(n -> values.text(n, m.child("action"))
                .flatMap(t -> parse(n, m.child("action"), () -> Action.parse(t))));
        Optional<String> mask = m.optional("mask").flatMap(n -> values.text(n, m.child("mask"))
                .filter(t -> check(t.chars().noneMatch(c -> HL7_DELIMITERS.indexOf(c) >= 0), n, m.child("mask"),
                        "a mask cannot contain HL7 delimiters (| ^ ~ \\ &) or line breaks")));
        if (problems.count() > before) {
            return List.of();
        }
        Target target = new Target(path, where);
        Node at = targetNode.orElse(item);
        if (!fits(action.get(), target, mask, at, m)) {
            return List.of();
        }
        SourceLine source = new SourceLine(file, item.getStartMark().getLine() + 1);
        return operations.stream()
                .map(op -> new PolicyRule(role.get(), op, types, target, action.get(), mask, source))
                .toList();
    }

    private Optional<Condition> where(Node node, String path, Optional<FieldPath> target) {
        if (target.isEmpty()) {
            problems.at(node, path, "'where' filters the segments of a target; give a target such as OBX");
            return Optional.empty();
        }
        if (!(node instanceof MappingNode mapping) || mapping.getValue().size() != 1) {
            problems.at(node, path, "expected one field and its codes, e.g. where: {OBX-3: [150021, MDC_PULS_OXIM_SAT_O2]}");
            return Optional.empty();
        }
        NodeTuple tuple = mapping.getValue().get(0);
        Optional<FieldPath> field = values.text(tuple.getKeyNode(), path)
                .flatMap(t -> parse(tuple.getKeyNode(), path, () -> FieldPath.parse(t)))
                .filter(f -> known(f, tuple.getKeyNode(), path));
        List<String> codes = names(tuple.getValueNode(), path, values);
        if (field.isEmpty() || codes.isEmpty()) {
            return Optional.empty();
        }
        return parse(tuple.getKeyNode(), path, () -> {
            Condition condition = new Condition(field.get(), Set.copyOf(codes));
            new Target(target, Optional.of(condition)); // checks the filter names a field of the target's segment
            return condition;
        });
    }

    /** Whether the action means something for this kind of target. */
    private boolean fits(Action action, Target target, Optional<String> mask, Node at, YamlMapping m) {
        String path = m.child("action");
        if (target.isMessage()) {
            return check(action == Action.ALLOW || action == Action.REJECT, at, path,
                    "a rule without a target is about the whole message: allow or reject, not " + action.label())
                    && check(mask.isEmpty(), at, m.child("mask"), "a mask needs a field or component target");
        }
        FieldPath p = target.path().orElseThrow();
        if (p.isSegment()) {
            if (p.segment().equals("MSH") && action != Action.ALLOW) {
                return check(false, at, path, "MSH holds what makes the message readable; only its fields can be redacted");
            }
            if (action == Action.DROP && UNDROPPABLE.contains(p.segment())) {
                return check(false, at, path, p.segment() + " cannot be dropped: the segments after it belong to it;"
                        + " reject the message or drop the segments you mean");
            }
            return check(mask.isEmpty(), at, m.child("mask"), "a mask needs a field or component target");
        }
        if (action == Action.DROP) {
            return check(false, at, path, "only segments can be dropped; redact " + p + " instead");
        }
        if (p.segment().equals("OBX") && p.field() == 2 && action != Action.ALLOW) {
            return check(false, at, path, "OBX-2 names the value type OBX-5 is read with; redact or reject OBX-5 instead");
        }
        if (p.segment().equals("MSH") && STRUCTURAL_HEADER_FIELDS.contains(p.field()) && action != Action.ALLOW) {
            return check(false, at, path, p.fieldOnly() + " keeps the message valid and cannot be " + action.label() + "ed");
        }
        return check(mask.isEmpty() || action == Action.REDACT, at, m.child("mask"), "a mask only applies to redact");
    }

    private boolean known(FieldPath path, Node node, String keyPath) {
        if (!SegmentCatalog.exists(path.segment())) {
            problems.at(node, keyPath, "unknown segment '" + path.segment() + "' (not in HL7 v2.6; site segments start with Z)");
            return false;
        }
        OptionalInt fields = SegmentCatalog.fieldCount(path.segment());
        if (fields.isPresent() && path.field() > fields.getAsInt()) {
            problems.at(node, keyPath, path.segment() + " has " + fields.getAsInt() + " fields; there is no " + path.fieldOnly());
            return false;
        }
        return true;
    }

    /** Contradictions and repeats: the same role, operation, message type and target may have one action. */
    private void checkAgainstEachOther(List<PolicyRule> rules) {
        for (int i = 0; i < rules.size(); i++) {
            PolicyRule later = rules.get(i);
            for (int j = 0; j < i; j++) {
                PolicyRule earlier = rules.get(j);
                if (earlier.source().equals(later.source()) || !earlier.role().equals(later.role())
                        || earlier.operation() != later.operation()) {
                    continue;
                }
                Optional<MessageTypePattern> shared = later.messageTypes().stream()
                        .filter(earlier.messageTypes()::contains).findFirst();
                if (shared.isEmpty()) {
                    continue;
                }
                String what = "role " + later.role() + ", " + later.operation().label() + " " + shared.get();
                if (earlier.target().equals(later.target())) {
                    problems.at(ruleNodes.get(i), "rules", (earlier.action() == later.action() ? "repeats" : "contradicts")
                            + " the rule on line " + earlier.source().line() + " (" + what + ", " + later.target() + ": "
                            + earlier.action().label() + " there, " + later.action().label() + " here)");
                } else if (earlier.target().path().equals(later.target().path()) && earlier.action() != later.action()
                        && earlier.target().where().isPresent() && later.target().where().isPresent()
                        && earlier.target().where().get().overlaps(later.target().where().get())) {
                    problems.at(ruleNodes.get(i), "rules", "contradicts the rule on line " + earlier.source().line()
                            + " (" + what + "): a segment can match both filters, " + earlier.target() + " and "
                            + later.target());
                } else if (shadows(earlier, later) || shadows(later, earlier)) {
                    PolicyRule segment = shadows(earlier, later) ? earlier : later;
                    PolicyRule inner = segment == earlier ? later : earlier;
                    problems.at(ruleNodes.get(i), "rules", "the rule on line " + inner.source().line() + " (" + inner.target()
                            + ") can never apply: the rule on line " + segment.source().line() + " "
                            + segment.action().label() + "s every " + segment.target() + " (" + what + ")");
                }
            }
        }
    }

    /** Whether {@code segment} drops or rejects every segment that {@code inner} is about. */
    private static boolean shadows(PolicyRule segment, PolicyRule inner) {
        Target outer = segment.target();
        return outer.path().filter(FieldPath::isSegment).isPresent() && outer.where().isEmpty()
                && (segment.action() == Action.DROP || segment.action() == Action.REJECT)
                && inner.target().path().filter(p -> !p.isSegment()
                        && p.segment().equals(outer.path().get().segment())).isPresent();
    }

    /** One name or a list of names, as text. */
    static List<String> names(Node node, String path, YamlValues values) {
        List<String> names = new ArrayList<>();
        if (node instanceof SequenceNode sequence) {
            for (int i = 0; i < sequence.getValue().size(); i++) {
                values.text(sequence.getValue().get(i), path + "[" + i + "]").ifPresent(names::add);
            }
            if (names.isEmpty() && sequence.getValue().isEmpty()) {
                values.text(node, path); // reports the empty list
            }
        } else if (node instanceof ScalarNode) {
            values.text(node, path).ifPresent(names::add);
        } else {
            values.text(node, path);
        }
        return List.copyOf(new LinkedHashSet<>(names));
    }

    private <T> List<T> parsed(List<String> texts, Node node, String path, java.util.function.Function<String, T> parser) {
        List<T> out = new ArrayList<>();
        for (String text : texts) {
            parse(node, path, () -> parser.apply(text)).ifPresent(out::add);
        }
        return out;
    }

    private <T> Optional<T> parse(Node node, String path, Supplier<T> parser) {
        try {
            return Optional.of(parser.get());
        } catch (IllegalArgumentException e) {
            problems.at(node, path, e.getMessage());
            return Optional.empty();
        }
    }

    private boolean check(boolean ok, Node node, String path, String message) {
        if (!ok) {
            problems.at(node, path, message);
        }
        return ok;
    }

}
