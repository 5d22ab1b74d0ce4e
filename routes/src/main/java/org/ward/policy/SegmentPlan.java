package org.ward.policy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The rules of every role that may see a message type, for one segment name. Roles combine by the
 * most permissive decision, so a segment for which one role has no rule at all passes unchanged.
 */
public final class SegmentPlan {

    /** How a segment came out. */
    enum Fate { KEEP, DROP, REJECT }

    private final String name;
    private final List<RoleRules> roles;
    private final boolean unrestricted;
    /** Field number → component numbers with rules (empty set: only field rules). */
    private final Map<Integer, TreeSet<Integer>> targets = new TreeMap<>();

    SegmentPlan(String name, List<RoleRules> roles) {
        this.name = name;
        this.roles = List.copyOf(roles);
        this.unrestricted = roles.stream().anyMatch(RoleRules::isEmpty);
        for (RoleRules role : roles) {
            role.fields().forEach(f -> targets.computeIfAbsent(f, k -> new TreeSet<>()));
            role.componentRules().forEach((f, byComponent) ->
                    targets.computeIfAbsent(f, k -> new TreeSet<>()).addAll(byComponent.keySet()));
        }
    }

    /** Applies the plan to one occurrence; on REJECT or DROP, {@code decisive[0]} holds the deciding decision. */
    Fate apply(Er7Segment segment, String label, Changes changes, Explanation explanation, Decision[] refusal) {
        if (unrestricted && explanation == null) {
            return Fate.KEEP;
        }
        Decision[] ofSegment = new Decision[roles.size()];
        Decision best = null;
        for (int i = 0; i < ofSegment.length; i++) {
            ofSegment[i] = roles.get(i).segment(segment);
            best = Decision.permissive(best, ofSegment[i]);
        }
        if (explanation != null) {
            explanation.add(label, best);
        }
        if (best.action() == Action.REJECT) {
            refusal[0] = best;
            return Fate.REJECT;
        }
        if (best.action() == Action.DROP) {
            refusal[0] = best;
            changes.add(name, Action.DROP);
            return Fate.DROP;
        }
        Iterable<Integer> fields = best.action() == Action.ALLOW && explanation == null ? targets.keySet()
                : allFields(segment.fieldCount());
        for (int field : fields) {
            TreeSet<Integer> components = targets.get(field);
            if (segment.isHeader() && field <= 2) {
                continue;
            }
            Decision ofField = fieldDecision(segment, field, ofSegment);
            if (ofField.action() == Action.REDACT && ofField.inherited() && structural(name, field)) {
                ofField = ofField.inheritedAs(Action.ALLOW);
            }
            String value = segment.field(field);
            if (value.isEmpty()) {
                continue;
            }
            if (explanation != null) {
                explanation.add(label + "-" + field, ofField);
            }
            if (components == null || components.isEmpty()) {
                if (!applyToField(segment, field, value, ofField, changes, refusal)) {
                    return Fate.REJECT;
                }
            } else if (!applyToComponents(segment, field, value, components, ofSegment, ofField, label, changes,
                    explanation, refusal)) {
                return Fate.REJECT;
            }
        }
        return Fate.KEEP;
    }

    /**
     * Fields a redacted segment keeps because they describe the others rather than carry data: the set
     * ID, and OBX-2, the value type without which OBX-5 cannot be read (HL7 v2.6 §7.4.2.2).
     */
    public static boolean structural(String segment, int field) {
        return (field == 1 && SetIds.SEGMENTS.contains(segment)) || (field == 2 && segment.equals("OBX"));
    }

    /** {@code PID-19}, made once per field number. */
    private String fieldLabel(int field) {
        if (field >= fieldLabels.length) {
            return name + "-" + field;
        }
        String label = fieldLabels[field];
        if (label == null) {
            label = name + "-" + field;
            fieldLabels[field] = label;
        }
        return label;
    }

    private final String[] fieldLabels = new String[64];

    private static Iterable<Integer> allFields(int count) {
        return () -> java.util.stream.IntStream.rangeClosed(1, count).iterator();
    }

    private Decision fieldDecision(Er7Segment segment, int field, Decision[] ofSegment) {
        Decision best = null;
        for (int i = 0; i < ofSegment.length; i++) {
            if (ofSegment[i].action().compareTo(Action.REDACT) <= 0) {
                best = Decision.permissive(best, roles.get(i).field(segment, field, ofSegment[i]));
            }
        }
        return best;
    }

    private boolean applyToField(Er7Segment segment, int field, String value, Decision decision, Changes changes,
                                 Decision[] refusal) {
        switch (decision.action()) {
            case REJECT -> {
                refusal[0] = decision;
                return false;
            }
            case REDACT -> {
                String mask = decision.mask().orElse("");
                if (!mask.equals(value)) {
                    segment.setField(field, mask);
                    changes.add(fieldLabel(field), Action.REDACT);
                }
            }
            default -> { }
        }
        return true;
    }

    private boolean applyToComponents(Er7Segment segment, int field, String value, TreeSet<Integer> components,
                                      Decision[] ofSegment, Decision ofField, String label, Changes changes,
                                      Explanation explanation, Decision[] refusal) {
        Er7Separators sep = segment.separators();
        List<String> repetitions = Er7Segment.split(value, sep.repetition());
        int last = components.last();
        StringBuilder out = new StringBuilder(value.length());
        boolean changed = false;
        for (int r = 0; r < repetitions.size(); r++) {
            List<String> parts = Er7Segment.split(repetitions.get(r), sep.component());
            int width = Math.max(parts.size(), last);
            for (int c = 1; c <= width; c++) {
                String part = c <= parts.size() ? parts.get(c - 1) : "";
                if (part.isEmpty()) {
                    continue;
                }
                Decision decision = components.contains(c) ? componentDecision(segment, field, c, ofSegment) : ofField;
                if (explanation != null && r == 0) {
                    explanation.add(label + "-" + field + "." + c, decision);
                }
                if (decision.action() == Action.REJECT) {
                    refusal[0] = decision;
                    return false;
                }
                if (decision.action() == Action.REDACT) {
                    String mask = decision.mask().orElse("");
                    if (!mask.equals(part)) {
                        parts.set(c - 1, mask);
                        changes.add(components.contains(c) ? name + "-" + field + "." + c : fieldLabel(field), Action.REDACT);
                        changed = true;
                    }
                }
            }
            if (r > 0) {
                out.append(sep.repetition());
            }
            out.append(join(parts, sep.component()));
        }
        if (changed) {
            segment.setField(field, trimRepetitions(out.toString(), sep.repetition()));
        }
        return true;
    }

    private Decision componentDecision(Er7Segment segment, int field, int component, Decision[] ofSegment) {
        Decision best = null;
        for (int i = 0; i < ofSegment.length; i++) {
            if (ofSegment[i].action().compareTo(Action.REDACT) <= 0) {
                RoleRules role = roles.get(i);
                Decision ofField = role.field(segment, field, ofSegment[i]);
                best = Decision.permissive(best, role.component(segment, field, component, ofField));
            }
        }
        return best;
    }

    private static String join(List<String> parts, char separator) {
        int last = parts.size() - 1;
        while (last > 0 && parts.get(last).isEmpty()) {
            last--;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i <= last; i++) {
            if (i > 0) {
                b.append(separator);
            }
            b.append(parts.get(i));
        }
        return b.toString();
    }

    private static String trimRepetitions(String value, char repetition) {
        String trimmed = value;
        while (!trimmed.isEmpty() && trimmed.charAt(trimmed.length() - 1) == repetition) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }
}
