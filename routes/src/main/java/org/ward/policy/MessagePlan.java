package org.ward.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a role set may do with one message type for one operation, worked out once and
 * reused for every message of that type until the policy changes.
 */
final class MessagePlan {

    private final Optional<Decision> denial;
    private final Decision allowed;
    private final Map<String, SegmentPlan> segments;

    private MessagePlan(Optional<Decision> denial, List<Decision> messageAllows, Map<String, SegmentPlan> segments) {
        this.denial = denial;
        this.allowed = messageAllows.isEmpty() ? null : messageAllows.get(0);
        this.segments = segments;
        this.planCodes = new int[segments.size()];
        this.planValues = new SegmentPlan[segments.size()];
        int k = 0;
        for (Map.Entry<String, SegmentPlan> entry : segments.entrySet()) {
            planCodes[k] = Er7Message.code(entry.getKey());
            planValues[k++] = entry.getValue();
        }
    }

    private static final int NTE = Er7Message.code("NTE");
    /** The segment plans by name code, scanned linearly: a plan names few segments. */
    private final int[] planCodes;
    private final SegmentPlan[] planValues;

    /**
     * @param rulesByRole this operation's rules, per role
     * @param roles       the roles held, in a stable order
     */
    static MessagePlan build(Map<String, List<PolicyRule>> rulesByRole, List<String> roles, String messageType) {
        Decision explicitDenial = null;
        List<Decision> allows = new ArrayList<>();
        Map<String, List<PolicyRule>> allowingRoles = new LinkedHashMap<>();
        for (String role : roles) {
            List<PolicyRule> rules = rulesByRole.getOrDefault(role, List.of());
            Optional<PolicyRule> messageRule = rules.stream()
                    .filter(r -> r.target().isMessage() && r.covers(messageType))
                    .min(Comparator.comparingInt((PolicyRule r) -> -r.specificityFor(messageType))
                            .thenComparingInt(r -> r.source().line()));
            if (messageRule.isEmpty()) {
                continue;
            }
            Decision decision = Decision.byRule(messageRule.get());
            if (decision.action() == Action.ALLOW) {
                allows.add(decision);
                allowingRoles.put(role, rules);
            } else if (explicitDenial == null) {
                explicitDenial = decision;
            }
        }
        if (allows.isEmpty()) {
            return new MessagePlan(Optional.of(explicitDenial != null ? explicitDenial : Decision.defaultDeny()),
                    List.of(), Map.of());
        }
        Set<String> names = new HashSet<>();
        allowingRoles.values().forEach(rules -> rules.stream()
                .filter(r -> !r.target().isMessage() && r.covers(messageType))
                .forEach(r -> names.add(r.target().path().orElseThrow().segment())));
        Map<String, SegmentPlan> segments = new HashMap<>();
        for (String name : names) {
            List<RoleRules> perRole = new ArrayList<>();
            int i = 0;
            for (List<PolicyRule> rules : allowingRoles.values()) {
                List<PolicyRule> forSegment = rules.stream()
                        .filter(r -> !r.target().isMessage() && r.covers(messageType)
                                && r.target().path().orElseThrow().segment().equals(name))
                        .toList();
                perRole.add(new RoleRules(allows.get(i++), forSegment, messageType));
            }
            segments.put(name, new SegmentPlan(name, perRole));
        }
        return new MessagePlan(Optional.empty(), List.copyOf(allows), segments);
    }

    Optional<Decision> denial() {
        return denial;
    }

    PolicyResult apply(Er7Message message, Explanation explanation) {
        if (denial.isPresent()) {
            if (explanation != null) {
                explanation.add("message", denial.get());
            }
            return PolicyResult.refused(denial.get(), message.original());
        }
        if (explanation != null) {
            explanation.add("message", allowed);
        }
        int count = message.count();
        boolean[] dropped = new boolean[count];
        Changes changes = new Changes();  // allocates its maps only on the first change
        Set<Integer> droppedNames = null;
        Decision[] decisive = new Decision[1];
        Map<String, Integer> occurrences = explanation == null ? null : new HashMap<>();
        for (int i = 0; i < count; i++) {
            SegmentPlan plan = planFor(message.nameCode(i));
            if (plan == null) {
                if (explanation != null) {
                    Er7Segment segment = message.segment(i);
                    explainUnruled(segment, label(segment.name(), occurrences), explanation);
                }
                continue;
            }
            Er7Segment segment = message.segment(i);
            String label = explanation == null ? null : label(segment.name(), occurrences);
            switch (plan.apply(segment, label, changes, explanation, decisive)) {
                case KEEP -> { }
                case REJECT -> {
                    return PolicyResult.refused(decisive[0], message.original());
                }
                case DROP -> {
                    dropped[i] = true;
                    droppedNames = droppedNames == null ? new HashSet<>() : droppedNames;
                    droppedNames.add(message.nameCode(i));
                    if (message.nameCode(i) == NTE) {
                        continue;
                    }
                    while (i + 1 < count && message.nameCode(i + 1) == NTE) {
                        i++; // notes belong to the segment before them and go with it
                        dropped[i] = true;
                        changes.add("NTE", Action.DROP);
                        droppedNames.add(NTE);
                        if (explanation != null) {
                            explanation.add(label("NTE", occurrences), decisive[0].inheritedAs(Action.DROP));
                        }
                    }
                }
            }
        }
        if (changes.isEmpty()) {
            return new PolicyResult(Optional.empty(), message.original(), List.of());
        }
        if (droppedNames != null) {
            SetIds.renumber(message, dropped, droppedNames);
        }
        return new PolicyResult(Optional.empty(), message.text(dropped), changes.list());
    }

    private SegmentPlan planFor(int nameCode) {
        for (int k = 0; k < planCodes.length; k++) {
            if (planCodes[k] == nameCode) {
                return planValues[k];
            }
        }
        return null;
    }

    private void explainUnruled(Er7Segment segment, String label, Explanation explanation) {
        Decision inherited = allowed.inheritedAs(Action.ALLOW);
        explanation.add(label, inherited);
        int count = segment.fieldCount();
        for (int field = 1; field <= count; field++) {
            if (!(segment.isHeader() && field <= 2) && !segment.field(field).isEmpty()) {
                explanation.add(label + "-" + field, inherited);
            }
        }
    }

    private static String label(String name, Map<String, Integer> occurrences) {
        int n = occurrences.merge(name, 1, Integer::sum);
        return name + "[" + n + "]";
    }
}
