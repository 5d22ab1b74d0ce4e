package org.ward.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.ward.hl7.Hl7Reader;
import org.ward.hl7.ReadOutcome;

/**
 * Random PCD and ADT messages × random policies, checked against a reference evaluator written
 * for clarity (no plans, no caches, no fast paths): nothing the policy denies appears in the
 * output, everything it allows is unchanged, a refusal happens exactly when the reference refuses,
 * and the output always re-parses as HL7.
 */
class PolicyProperties {

    private static final Hl7Reader READER = new Hl7Reader();
    private static final List<String> CODES = List.of("150021", "150022", "150023", "149530", "188736");
    private static final List<String> ROLES = List.of("r1", "r2");
    private static final List<String> SEGMENT_TARGETS = List.of("NTE", "OBX", "NK1", "AL1", "PV1");
    private static final List<String> FIELD_TARGETS = List.of("PID-5", "PID-7", "PID-19", "OBX-5", "OBX-6", "NK1-2",
            "PV1-3", "MSH-4");
    private static final List<String> COMPONENT_TARGETS = List.of("PID-5.1", "PID-5.2", "NK1-2.1", "OBX-6.1");

    /** One try: a message, a policy, the roles held and the operation. */
    record Case(String message, PolicyDocument document, Set<String> roles, Operation op) {
    }

    @Property(tries = 1000)
    void theOutputHoldsExactlyWhatThePolicyAllows(@ForAll("cases") Case c) {
        String message = c.message();
        PolicyDocument document = c.document();
        Set<String> roles = c.roles();
        Operation op = c.op();
        AccessPolicy policy = AccessPolicy.compile(document);

        PolicyResult result = policy.apply(roles, op, message);
        Expected expected = new Reference(document, roles, op).evaluate(message);

        net.jqwik.api.statistics.Statistics.collect(result.permitted() ? (result.changed() ? "changed" : "unchanged")
                : "refused");
        // the property means little unless many tries change the message and many are refused
        net.jqwik.api.statistics.Statistics.coverage(check -> {
            check.check("changed").percentage(p -> p >= 10);
            check.check("refused").percentage(p -> p >= 10);
        });
        assertThat(result.permitted()).as("permitted").isEqualTo(expected.permitted);
        if (!result.permitted()) {
            assertThat(result.text()).isSameAs(message);
            return;
        }
        List<String[]> out = segments(result.text());
        assertThat(out).extracting(s -> s[0]).as("segments kept, in order")
                .containsExactlyElementsOf(expected.segments.stream().map(s -> s[0]).toList());
        for (int i = 0; i < out.size(); i++) {
            String[] actual = out.get(i);
            String[] wanted = expected.segments.get(i);
            int width = Math.max(actual.length, wanted.length);
            for (int f = 1; f < width; f++) {
                if (f == 1 && SetIds.SEGMENTS.contains(actual[0]) && expected.dropped) {
                    assertThat(value(actual, f)).matches("\\d*");
                    continue;
                }
                assertThat(normal(value(actual, f))).as("%s field %d of segment %d", actual[0], f, i)
                        .isEqualTo(normal(value(wanted, f)));
            }
        }
        assertThat(READER.read(result.text().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1))
                .as("re-parses").isInstanceOf(ReadOutcome.Parsed.class);
        if (!expected.changed) {
            assertThat(result.text()).isEqualTo(message);
        }
    }

    // ---- the reference evaluator ----

    private record Expected(boolean permitted, List<String[]> segments, boolean dropped, boolean changed) {
    }

    private static final class Reference {
        private final List<PolicyRule> rules = new ArrayList<>();
        private final Set<String> roles;
        private final Operation op;

        Reference(PolicyDocument document, Set<String> roles, Operation op) {
            this.roles = roles;
            this.op = op;
            rules.addAll(document.rules());
        }

        Expected evaluate(String message) {
            List<String[]> in = segments(message);
            String type = value(in.get(0), 9).split("\\^")[0] + "^" + value(in.get(0), 9).split("\\^")[1];
            List<String> allowing = roles.stream().filter(r -> rules.stream().anyMatch(rule -> rule.role().equals(r)
                    && rule.operation() == op && rule.target().isMessage() && rule.covers(type)
                    && rule.action() == Action.ALLOW)).toList();
            if (allowing.isEmpty()) {
                return new Expected(false, List.of(), false, false);
            }
            List<String[]> kept = new ArrayList<>();
            boolean dropped = false;
            boolean changed = false;
            for (int i = 0; i < in.size(); i++) {
                String[] segment = in.get(i).clone();
                Map<String, Action> seg = new LinkedHashMap<>();
                for (String role : allowing) {
                    seg.put(role, segmentAction(role, segment));
                }
                Action best = most(seg.values());
                if (best == Action.REJECT) {
                    return new Expected(false, List.of(), false, false);
                }
                if (best == Action.DROP) {
                    dropped = changed = true;
                    while (!segment[0].equals("NTE") && i + 1 < in.size() && in.get(i + 1)[0].equals("NTE")) {
                        i++;
                    }
                    continue;
                }
                for (int f = 1; f < segment.length; f++) {
                    if (segment[0].equals("MSH") && f <= 1 || segment[f].isEmpty()) {
                        continue; // split index 1 of MSH is MSH-2, the encoding characters
                    }
                    int field = segment[0].equals("MSH") ? f + 1 : f;
                    Map<String, Action> fieldActions = new LinkedHashMap<>();
                    for (String role : allowing) {
                        Action s = seg.get(role);
                        if (s == Action.ALLOW || s == Action.REDACT) {
                            fieldActions.put(role, fieldAction(role, segment, field, s));
                        }
                    }
                    Action fieldBest = most(fieldActions.values());
                    if (fieldBest == Action.REDACT && SegmentPlan.structural(segment[0], field)
                            && !hasFieldRule(allowing, segment[0], field)) {
                        fieldBest = Action.ALLOW;
                    }
                    String[] components = segment[f].split("\\^", -1);
                    boolean componentRules = false;
                    for (int c = 1; c <= components.length; c++) {
                        final int cc = c;
                        if (allowing.stream().anyMatch(r -> componentRule(r, segment[0], field, cc).isPresent())) {
                            componentRules = true;
                        }
                    }
                    if (!componentRules) {
                        if (fieldBest == Action.REJECT) {
                            return new Expected(false, List.of(), false, false);
                        }
                        if (fieldBest == Action.REDACT) {
                            String mask = maskOf(allowing, segment[0], field).orElse("");
                            changed |= !segment[f].equals(mask);
                            segment[f] = mask;
                        }
                        continue;
                    }
                    for (int c = 1; c <= components.length; c++) {
                        if (components[c - 1].isEmpty()) {
                            continue;
                        }
                        Action comp = null;
                        for (String role : fieldActions.keySet()) {
                            Action fa = fieldAction(role, segment, field, seg.get(role));
                            comp = most(Arrays.asList(comp, componentRule(role, segment[0], field, c).orElse(fa)));
                        }
                        if (comp == Action.REJECT) {
                            return new Expected(false, List.of(), false, false);
                        }
                        if (comp == Action.REDACT) {
                            changed = true;
                            components[c - 1] = "";
                        }
                    }
                    segment[f] = String.join("^", components);
                }
                kept.add(segment);
            }
            return new Expected(true, kept, dropped, changed);
        }

        private Action segmentAction(String role, String[] segment) {
            Optional<PolicyRule> filtered = find(role, segment[0], 0, 0, true, segment);
            if (filtered.isPresent()) {
                return filtered.get().action();
            }
            return find(role, segment[0], 0, 0, false, segment).map(PolicyRule::action).orElse(Action.ALLOW);
        }

        private Action fieldAction(String role, String[] segment, int field, Action ofSegment) {
            return find(role, segment[0], field, 0, false, segment).map(PolicyRule::action).orElse(ofSegment);
        }

        private Optional<Action> componentRule(String role, String segment, int field, int component) {
            return rules.stream().filter(r -> r.role().equals(role) && r.operation() == op
                    && r.target().path().filter(p -> p.segment().equals(segment) && p.field() == field
                            && p.component() == component).isPresent()).map(PolicyRule::action).findFirst();
        }

        private boolean hasFieldRule(List<String> allowing, String segment, int field) {
            return rules.stream().anyMatch(r -> allowing.contains(r.role()) && r.operation() == op
                    && r.target().path().filter(p -> p.segment().equals(segment) && p.field() == field
                            && !p.isComponent()).isPresent());
        }

        private Optional<String> maskOf(List<String> allowing, String segment, int field) {
            return rules.stream().filter(r -> allowing.contains(r.role()) && r.operation() == op && r.action() == Action.REDACT
                    && r.target().path().filter(p -> p.segment().equals(segment) && p.field() == field
                            && !p.isComponent()).isPresent()).findFirst().flatMap(PolicyRule::mask);
        }

        private Optional<PolicyRule> find(String role, String segment, int field, int component, boolean filtered,
                                          String[] values) {
            return rules.stream().filter(r -> r.role().equals(role) && r.operation() == op
                    && r.target().path().filter(p -> p.segment().equals(segment) && p.field() == field
                            && p.component() == component).isPresent()
                    && r.target().where().isPresent() == filtered
                    && r.target().where().map(w -> codeMatches(w, values)).orElse(true)).findFirst();
        }

        private static boolean codeMatches(Condition where, String[] segment) {
            String[] code = value(segment, where.field().field()).split("\\^", -1);
            return where.codes().contains(code[0]) || (code.length > 1 && where.codes().contains(code[1]));
        }

        private static Action most(java.util.Collection<Action> actions) {
            Action best = null;
            for (Action a : actions) {
                if (a != null && (best == null || a.ordinal() < best.ordinal())) {
                    best = a;
                }
            }
            return best;
        }
    }

    // ---- generators ----

    @Provide
    Arbitrary<Case> cases() {
        return Arbitraries.of(Operation.values()).flatMap(op -> Combinators.combine(messages(), policies(op),
                Arbitraries.of(ROLES).set().ofMinSize(1).ofMaxSize(2)).as((m, p, r) -> new Case(m, p, r, op)));
    }

    /** Mostly rules for the operation under test, some for others (which must change nothing). */
    Arbitrary<PolicyDocument> policies(Operation op) {
        Arbitrary<List<PolicyRule>> forRole = Combinators.combine(
                Arbitraries.of("r1", "r2"),
                Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, Arbitraries.just(op)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.of(Operation.values()))),
                Arbitraries.frequency(net.jqwik.api.Tuple.of(3, "ORU^R01"), net.jqwik.api.Tuple.of(3, "ADT^A*"),
                        net.jqwik.api.Tuple.of(3, "*"), net.jqwik.api.Tuple.of(1, "ORU^R40"),
                        net.jqwik.api.Tuple.of(1, "none")),
                segmentRules(), fieldRules(), componentRules()).as(PolicyProperties::rulesFor);
        return forRole.list().ofMinSize(1).ofMaxSize(4).map(lists -> {
            List<PolicyRule> rules = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>();
            for (List<PolicyRule> list : lists) {
                for (PolicyRule rule : list) {
                    // one rule per role, operation, target and filter, as the loader insists
                    if (seen.add(rule.role() + rule.operation() + rule.target() + rule.target().where().isPresent())) {
                        rules.add(rule);
                    }
                }
            }
            return new PolicyDocument(Path.of("policy.yaml"), "test", Set.copyOf(ROLES), List.of(), List.of(), rules);
        });
    }

    private record TargetAction(String target, Action action, Set<String> where) {
    }

    private Arbitrary<List<TargetAction>> segmentRules() {
        return Combinators.combine(Arbitraries.of(SEGMENT_TARGETS), Arbitraries.of(Action.ALLOW, Action.ALLOW,
                        Action.REDACT, Action.REDACT, Action.DROP, Action.DROP, Action.DROP, Action.REJECT),
                        Arbitraries.of(CODES).set().ofMaxSize(3), Arbitraries.integers().between(0, 2))
                .as((t, a, codes, filtered) -> new TargetAction(t, a, t.equals("OBX") && filtered == 0 ? codes : Set.of()))
                .list().ofMaxSize(3);
    }

    private Arbitrary<List<TargetAction>> fieldRules() {
        return Combinators.combine(Arbitraries.of(FIELD_TARGETS), Arbitraries.of(Action.ALLOW, Action.ALLOW,
                        Action.REDACT, Action.REDACT, Action.REDACT, Action.REJECT))
                .as((t, a) -> new TargetAction(t, t.startsWith("MSH") ? Action.REDACT : a, Set.of())).list().ofMinSize(1).ofMaxSize(4);
    }

    private Arbitrary<List<TargetAction>> componentRules() {
        return Combinators.combine(Arbitraries.of(COMPONENT_TARGETS), Arbitraries.of(Action.ALLOW, Action.REDACT))
                .as((t, a) -> new TargetAction(t, a, Set.of())).list().ofMaxSize(2);
    }

    private static List<PolicyRule> rulesFor(String role, Operation op, String type, List<TargetAction> segments,
                                             List<TargetAction> fields, List<TargetAction> components) {
        SourceLine line = new SourceLine(Path.of("policy.yaml"), 1);
        List<MessageTypePattern> all = List.of(new MessageTypePattern("*"));
        List<PolicyRule> rules = new ArrayList<>();
        if (!type.equals("none")) {
            rules.add(new PolicyRule(role, op, List.of(new MessageTypePattern(type)), Target.MESSAGE, Action.ALLOW,
                    Optional.empty(), line));
        }
        for (TargetAction t : segments) {
            FieldPath path = FieldPath.parse(t.target());
            Optional<Condition> where = t.where().isEmpty() ? Optional.empty()
                    : Optional.of(new Condition(FieldPath.parse("OBX-3"), t.where()));
            rules.add(new PolicyRule(role, op, all, new Target(Optional.of(path), where), t.action(), Optional.empty(), line));
        }
        for (TargetAction t : fields) {
            Optional<String> mask = t.action() == Action.REDACT && t.target().equals("PID-19") ? Optional.of("***")
                    : Optional.empty();
            rules.add(new PolicyRule(role, op, all, Target.of(FieldPath.parse(t.target())), t.action(), mask, line));
        }
        for (TargetAction t : components) {
            rules.add(new PolicyRule(role, op, all, Target.of(FieldPath.parse(t.target())), t.action(), Optional.empty(), line));
        }
        return rules;
    }

    @Provide
    Arbitrary<String> messages() {
        Arbitrary<String> word = Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').ofMinLength(1)
                .ofMaxLength(6);
        Arbitrary<String> maybe = Arbitraries.oneOf(word, Arbitraries.just(""));
        Arbitrary<String> pid = Combinators.combine(word, maybe, maybe, maybe, maybe)
                .as((id, family, given, dob, ssn) -> "PID|||" + id + "^^^H^PI||" + family + "^" + given + "^x||" + dob
                        + "|M|||||||||||" + ssn);
        Arbitrary<String> obx = Combinators.combine(Arbitraries.of(CODES), word, maybe, Arbitraries.integers().between(0, 1))
                .as((code, value, unit, note) -> "OBX|1|NM|" + code + "^MDC_X_" + code + "^MDC|1.0.1|" + value + "|"
                        + unit + "^MDC_DIM^MDC|||||R" + (note == 1 ? "\rNTE|1||" + value : ""));
        Arbitrary<String> oru = Combinators.combine(pid, obx.list().ofMinSize(1).ofMaxSize(6), word)
                .as((p, obxs, control) -> String.join("\r",
                        "MSH|^~\\&|DEV^0123456789ABCDEF^EUI-64|WARD|||20240101||ORU^R01^ORU_R01|" + control + "|P|2.6",
                        p, "OBR|1|A1^DEV|B1^DEV|528391^MDC_DEV_SPEC_PROFILE_BP^MDC") + "\r"
                        + String.join("\r", obxs) + "\r");
        Arbitrary<String> nk1 = Combinators.combine(word, maybe).as((a, b) -> "NK1|1|" + a + "^" + b + "|SPO");
        Arbitrary<String> adt = Combinators.combine(pid, nk1.list().ofMaxSize(3), word, maybe, Arbitraries.of("A01", "A08"))
                .as((p, nk1s, control, bed, event) -> {
                    List<String> segments = new ArrayList<>(List.of(
                            "MSH|^~\\&|ADT|HOSP|||20240101||ADT^" + event + "^ADT_A01|" + control + "|P|2.6",
                            "EVN|" + event + "|20240101", p));
                    segments.addAll(nk1s);
                    segments.add("PV1|1|I|" + bed + "^101^1");
                    segments.add("AL1|1||PEN^Penicillin");
                    return String.join("\r", segments) + "\r";
                });
        return Arbitraries.oneOf(oru, adt).map(PolicyProperties::renumberObx);
    }

    private static String renumberObx(String message) {
        StringBuilder out = new StringBuilder();
        int obx = 0;
        for (String segment : message.split("\r")) {
            if (segment.startsWith("OBX|")) {
                segment = "OBX|" + (++obx) + segment.substring(segment.indexOf('|', 4));
            }
            out.append(segment).append('\r');
        }
        return out.toString();
    }

    // ---- helpers ----

    private static List<String[]> segments(String message) {
        List<String[]> out = new ArrayList<>();
        for (String segment : message.split("\r")) {
            if (!segment.isEmpty()) {
                out.add(segment.split("\\|", -1));
            }
        }
        return out;
    }

    /** HL7 field {@code number} of a split segment (for MSH, split index n holds MSH-(n+1)). */
    private static String value(String[] segment, int number) {
        int index = segment[0].equals("MSH") ? number - 1 : number;
        return index < segment.length ? segment[index] : "";
    }

    /** Trailing empty components and repetitions carry nothing (HL7 v2.6 §2.5.3). */
    private static String normal(String value) {
        String v = value;
        while (v.endsWith("^") || v.endsWith("~")) {
            v = v.substring(0, v.length() - 1);
        }
        return v;
    }
}
