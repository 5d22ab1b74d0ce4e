package org.ward.validation;

import java.util.ArrayList;
import java.util.List;
import org.ward.hl7.Er7;
import org.ward.hl7.Er7Delimiters;
import org.ward.hl7.Er7Segment;

/**
 * Checks one segment's fields against its {@link SegmentRule} as HAPI's {@code DefaultValidator}
 * does on the parsed segment: per profiled field the repetitions with content against usage and
 * cardinality, then each such repetition (usage, length, constant, table, then components and
 * subcomponents), then content in fields the profile does not allow.
 *
 * <p>Lengths and constants are compared with the element as HAPI encodes it back: trailing empty
 * components and subcomponents dropped, components of a component joined with {@code ^}. The
 * message has no escape sequences here (see {@link Er7ProfileValidation}), so HAPI's unescaping
 * and re-escaping would not change the text.
 */
final class SegmentConformance {

    private SegmentConformance() {
    }

    static void check(Er7Segment segment, SegmentRule rule, PlacedSegments segments, List<ProfileViolation> out) {
        int sequence = segments.sequenceOf(segment);
        String name = rule.name();
        boolean header = name.equals("MSH");
        List<Finding> found = new ArrayList<>();
        for (int n = 1; n <= rule.profiledFields(); n++) {
            ElementRule field = rule.fields().get(n - 1);
            if (field == null) {
                continue;
            }
            List<String> reps = segment.repetitions(n);
            int withContent = 0;
            for (String rep : reps) {
                if (!Er7.isEmpty(rep, segment.delimiters())) {
                    withContent++;
                }
            }
            ProfileFinding.Kind cardinality = CompiledProfile.cardinality(withContent, field.min(), field.max(),
                    field.usage());
            if (cardinality != null) {
                out.add(new ProfileViolation(cardinality, "", "", name, n, sequence, 0, 0));
            }
            for (int r = 0; r < reps.size(); r++) {
                String rep = reps.get(r);
                if (Er7.isEmpty(rep, segment.delimiters())) {
                    continue;
                }
                found.clear();
                boolean raw = header && n < 3; // MSH-1 and MSH-2 are taken as they are, not escaped
                checkField(segment, n, rep, field, raw, found);
                for (Finding f : found) {
                    out.add(new ProfileViolation(f.kind, "", f.table, name, n, sequence, r + 1, f.component));
                }
            }
        }
        int fieldCount = Math.max(rule.modelFields().size(), segment.fieldCount());
        for (int n = 1; n <= fieldCount; n++) {
            if (rule.allows(n)) {
                continue;
            }
            List<String> reps = segment.repetitions(n);
            for (int r = 0; r < reps.size(); r++) {
                if (!Er7.isEmpty(reps.get(r), segment.delimiters())) {
                    out.add(new ProfileViolation(ProfileFinding.Kind.NOT_SUPPORTED, "", "", name, n, sequence, r + 1, 0));
                }
            }
        }
    }

    /** A finding inside one field repetition: what, the table, and the component HAPI ascribes it to. */
    private record Finding(ProfileFinding.Kind kind, String table, int component) {
    }

    private static void checkField(Er7Segment segment, int n, String rep, ElementRule rule, boolean raw,
            List<Finding> out) {
        Er7Delimiters d = segment.delimiters();
        ModelType model = rule.model();
        String typeName = model.isVaries() ? variesType(segment, n) : model.name();
        String encoded = raw && !model.composite() ? rep : Er7.canonical(rep, d);
        testType(rule, typeName, encoded, rep, Level.FIELD, d, 0, out);
        if (!model.composite() || rule.profiledChildren() == 0 || !rule.checksValue()) {
            return;
        }
        List<String> components = Er7.split(rep, d.component());
        for (int c = 1; c <= rule.children().size(); c++) {
            String component = c <= components.size() ? components.get(c - 1) : "";
            checkComponent(component, c, rule.children().get(c - 1), d, out);
        }
        for (int c = rule.profiledChildren() + 1; c <= model.components().size(); c++) {
            String component = c <= components.size() ? components.get(c - 1) : "";
            if (!Er7.canonicalComponent(component, d).isEmpty()) {
                out.add(new Finding(ProfileFinding.Kind.NOT_SUPPORTED, "", c));
            }
        }
    }

    private static void checkComponent(String component, int c, ElementRule rule, Er7Delimiters d, List<Finding> out) {
        ModelType model = rule.model();
        String encoded = Er7.canonicalComponent(component, d);
        if (encoded.indexOf(d.subcomponent()) >= 0) {
            encoded = encoded.replace(d.subcomponent(), d.component());
        }
        testType(rule, model.name(), encoded, component, Level.COMPONENT, d, c, out);
        if (rule.profiledChildren() == 0 || !rule.checksValue() || Er7.isEmpty(component, d) || !model.composite()) {
            return;
        }
        List<String> subcomponents = Er7.split(component, d.subcomponent());
        for (int s = 1; s <= rule.children().size(); s++) {
            String sub = s <= subcomponents.size() ? subcomponents.get(s - 1) : "";
            ElementRule subRule = rule.children().get(s - 1);
            testType(subRule, subRule.model().name(), sub, sub, Level.SUBCOMPONENT, d, c, out);
        }
        for (int s = rule.profiledChildren() + 1; s <= model.components().size(); s++) {
            String sub = s <= subcomponents.size() ? subcomponents.get(s - 1) : "";
            if (!sub.isEmpty()) {
                // HAPI's LocatingProfileValidator records the extra subcomponent's own index here.
                out.add(new Finding(ProfileFinding.Kind.NOT_SUPPORTED, "", s));
            }
        }
    }

    /** Where an element sits, which decides what its parts are (CE-1..CE-6 for a CE). */
    private enum Level { FIELD, COMPONENT, SUBCOMPONENT }

    /**
     * {@code DefaultValidator.testType}: usage, then (unless usage X) length, constant value and
     * table, each finding ascribed to {@code component}.
     */
    private static void testType(ElementRule rule, String typeName, String encoded, String raw, Level level,
            Er7Delimiters d, int component, List<Finding> out) {
        String usage = rule.usage();
        if (usage.equalsIgnoreCase("R") && encoded.isEmpty()) {
            out.add(new Finding(ProfileFinding.Kind.REQUIRED_MISSING, "", component));
        } else if (usage.equalsIgnoreCase("X") && !encoded.isEmpty()) {
            out.add(new Finding(ProfileFinding.Kind.NOT_SUPPORTED, "", component));
        }
        if (!rule.checksValue()) {
            return;
        }
        if (rule.length() > 0 && encoded.length() > rule.length()) {
            out.add(new Finding(ProfileFinding.Kind.TOO_LONG, "", component));
        }
        if (!rule.constant().isEmpty() && !rule.constant().equals(encoded)) {
            out.add(new Finding(ProfileFinding.Kind.CONSTANT_MISMATCH, "", component));
        }
        if (rule.table() != null && (typeName.equals("IS") || typeName.equals("ID"))) {
            checkTable(rule.table(), part(raw, level, d, 1), component, out);
        } else if (typeName.equals("CE")) {
            checkTable(prefixless(part(raw, level, d, 3)), part(raw, level, d, 1), component, out);
            checkTable(prefixless(part(raw, level, d, 6)), part(raw, level, d, 4), component, out);
        }
    }

    private static void checkTable(String table, String value, int component, List<Finding> out) {
        if (table == null || table.isEmpty() || value.isEmpty()) {
            return;
        }
        Hl7Tables.values(table)
                .filter(values -> !values.contains(value))
                .ifPresent(values -> out.add(new Finding(ProfileFinding.Kind.TABLE_VALUE_NOT_FOUND, table, component)));
    }

    /**
     * Part {@code n} of an element as HAPI's {@code Terser.getPrimitive(type, n, 1)} reads it: a
     * field's n-th component (its first subcomponent), a component's n-th subcomponent, a
     * subcomponent itself for n = 1.
     */
    private static String part(String raw, Level level, Er7Delimiters d, int n) {
        return switch (level) {
            case FIELD -> Er7.part(Er7.part(raw, d.component(), n), d.subcomponent(), 1);
            case COMPONENT -> Er7.part(raw, d.subcomponent(), n);
            case SUBCOMPONENT -> n == 1 ? raw : "";
        };
    }

    /** OBX-5 takes the data type named in OBX-2 (HAPI's {@code Varies.fixOBX5}). */
    private static String variesType(Er7Segment segment, int n) {
        if (segment.name().equals("OBX") && n == 5) {
            return segment.component(2, 1, 1);
        }
        return ModelType.VARIES;
    }

    /** HAPI names a table {@code HL70155}; Ward's tables are keyed {@code 0155}. */
    private static String prefixless(String table) {
        return table.startsWith("HL7") ? table.substring(3) : table;
    }
}
