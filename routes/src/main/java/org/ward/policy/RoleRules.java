package org.ward.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One role's rules for one segment name and one message type, ordered most specific first (a
 * filtered rule before an unfiltered one, an exact message type before a pattern, then file order).
 */
final class RoleRules {

    /** A rule with its decisions made once: its own, and the one what lies inside its target inherits. */
    private record Compiled(PolicyRule rule, Decision decision, Decision inherited) {
        static Compiled of(PolicyRule rule) {
            Decision own = Decision.byRule(rule);
            return new Compiled(rule, own, own.inheritedAs(own.action()));
        }
    }

    private final Decision inheritedAllow;
    private final Map<Decision, Decision> inheritedOf = new java.util.IdentityHashMap<>();
    private final List<PolicyRule> segmentRules = new ArrayList<>();
    private final Map<Integer, List<PolicyRule>> fieldRules = new TreeMap<>();
    private final Map<Integer, Map<Integer, List<PolicyRule>>> componentRules = new TreeMap<>();
    private final Map<PolicyRule, Compiled> compiled = new java.util.IdentityHashMap<>();

    RoleRules(Decision messageAllow, List<PolicyRule> rules, String messageType) {
        this.inheritedAllow = messageAllow.inheritedAs(Action.ALLOW);
        for (PolicyRule rule : rules) {
            Compiled c = Compiled.of(rule);
            compiled.put(rule, c);
            inheritedOf.put(c.decision(), c.inherited());
        }
        for (PolicyRule rule : rules) {
            FieldPath path = rule.target().path().orElseThrow();
            if (path.isSegment()) {
                segmentRules.add(rule);
            } else if (path.isComponent()) {
                componentRules.computeIfAbsent(path.field(), f -> new TreeMap<>())
                        .computeIfAbsent(path.component(), c -> new ArrayList<>()).add(rule);
            } else {
                fieldRules.computeIfAbsent(path.field(), f -> new ArrayList<>()).add(rule);
            }
        }
        Comparator<PolicyRule> order = Comparator
                .comparing((PolicyRule r) -> r.target().where().isEmpty())
                .thenComparing(r -> -r.specificityFor(messageType))
                .thenComparingInt(r -> r.source().line());
        segmentRules.sort(order);
        fieldRules.values().forEach(l -> l.sort(order));
        componentRules.values().forEach(m -> m.values().forEach(l -> l.sort(order)));
    }

    boolean isEmpty() {
        return segmentRules.isEmpty() && fieldRules.isEmpty() && componentRules.isEmpty();
    }

    Iterable<Integer> fields() {
        return fieldRules.keySet();
    }

    Map<Integer, Map<Integer, List<PolicyRule>>> componentRules() {
        return componentRules;
    }

    Decision segment(Er7Segment segment) {
        Decision rule = first(segmentRules, segment);
        return rule != null ? rule : inheritedAllow;
    }

    /** A field's decision; without a rule of its own it has its segment's (allow or redact). */
    Decision field(Er7Segment segment, int field, Decision ofSegment) {
        Decision rule = first(fieldRules.get(field), segment);
        return rule != null ? rule : inherit(ofSegment);
    }

    Decision component(Er7Segment segment, int field, int component, Decision ofField) {
        Map<Integer, List<PolicyRule>> byComponent = componentRules.get(field);
        Decision rule = byComponent == null ? null : first(byComponent.get(component), segment);
        return rule != null ? rule : inherit(ofField);
    }

    private Decision inherit(Decision outer) {
        if (outer.inherited()) {
            return outer;
        }
        Decision known = inheritedOf.get(outer);
        return known != null ? known : outer.inheritedAs(outer.action());
    }

    private Decision first(List<PolicyRule> rules, Er7Segment segment) {
        if (rules == null) {
            return null;
        }
        for (PolicyRule rule : rules) {
            if (rule.target().where().isEmpty() || rule.target().where().get().holds(segment)) {
                return compiled.get(rule).decision();
            }
        }
        return null;
    }
}
