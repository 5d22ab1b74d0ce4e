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
                List<Finding> found = new ArrayList<>();
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
        List<ProfileFinding.Kind> kinds = new ArrayList<>();
        List<String> tables = new ArrayList<>();
        testType(rule, typeName, encoded, parts(rep, d.component(), d.subcomponent()), kinds, tables);
        for (int i = 0; i < kinds.size(); i++) {
            out.add(new Finding(kinds.get(i), tables.get(i), 0));
        }
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
        String encoded = Er7.canonicalComponent(component, d).replace(d.subcomponent(), d.component());
        List<ProfileFinding.Kind> kinds = new ArrayList<>();
        List<String> tables = new ArrayList<>();
        testType(rule, model.name(), encoded, Er7.split(component, d.subcomponent()), kinds, tables);
        for (int i = 0; i < kinds.size(); i++) {
            out.add(new Finding(kinds.get(i), tables.get(i), c));
        }
        if (rule.profiledChildren() == 0 || !rule.checksValue() || Er7.isEmpty(component, d) || !model.composite()) {
            return;
        }
        List<String> subcomponents = Er7.split(component, d.subcomponent());
        for (int s = 1; s <= rule.children().size(); s++) {
            String sub = s <= subcomponents.size() ? subcomponents.get(s - 1) : "";
            ElementRule subRule = rule.children().get(s - 1);
            kinds.clear();
            tables.clear();
            testType(subRule, subRule.model().name(), sub, List.of(sub), kinds, tables);
            for (int i = 0; i < kinds.size(); i++) {
                out.add(new Finding(kinds.get(i), tables.get(i), c));
            }
        }
        for (int s = rule.profiledChildren() + 1; s <= model.components().size(); s++) {
            String sub = s <= subcomponents.size() ? subcomponents.get(s - 1) : "";
            if (!sub.isEmpty()) {
                // HAPI's LocatingProfileValidator records the extra subcomponent's own index here.
                out.add(new Finding(ProfileFinding.Kind.NOT_SUPPORTED, "", s));
            }
        }
    }

    /**
     * {@code DefaultValidator.testType}: usage, then (unless usage X) length, constant value and
     * table. {@code parts} are the element's first-level parts (CE-1..CE-6 for a CE).
     */
    private static void testType(ElementRule rule, String typeName, String encoded, List<String> parts,
            List<ProfileFinding.Kind> kinds, List<String> tables) {
        String usage = rule.usage();
        if (usage.equalsIgnoreCase("R") && encoded.isEmpty()) {
            add(ProfileFinding.Kind.REQUIRED_MISSING, "", kinds, tables);
        } else if (usage.equalsIgnoreCase("X") && !encoded.isEmpty()) {
            add(ProfileFinding.Kind.NOT_SUPPORTED, "", kinds, tables);
        }
        if (!rule.checksValue()) {
            return;
        }
        if (rule.length() > 0 && encoded.length() > rule.length()) {
            add(ProfileFinding.Kind.TOO_LONG, "", kinds, tables);
        }
        if (!rule.constant().isEmpty() && !rule.constant().equals(encoded)) {
            add(ProfileFinding.Kind.CONSTANT_MISMATCH, "", kinds, tables);
        }
        if (rule.table() != null && (typeName.equals("IS") || typeName.equals("ID"))) {
            checkTable(rule.table(), firstValue(parts), kinds, tables);
        } else if (typeName.equals("CE")) {
            checkTable(prefixless(part(parts, 3)), part(parts, 1), kinds, tables);
            checkTable(prefixless(part(parts, 6)), part(parts, 4), kinds, tables);
        }
    }

    private static void checkTable(String table, String value, List<ProfileFinding.Kind> kinds, List<String> tables) {
        if (table == null || table.isEmpty() || value.isEmpty()) {
            return;
        }
        Hl7Tables.values(table)
                .filter(values -> !values.contains(value))
                .ifPresent(values -> add(ProfileFinding.Kind.TABLE_VALUE_NOT_FOUND, table, kinds, tables));
    }

    private static void add(ProfileFinding.Kind kind, String table, List<ProfileFinding.Kind> kinds,
            List<String> tables) {
        kinds.add(kind);
        tables.add(table);
    }

    /** OBX-5 takes the data type named in OBX-2 (HAPI's {@code Varies.fixOBX5}). */
    private static String variesType(Er7Segment segment, int n) {
        if (segment.name().equals("OBX") && n == 5) {
            return segment.component(2, 1, 1);
        }
        return ModelType.VARIES;
    }

    /** A field's parts for table checks: each component's first subcomponent. */
    private static List<String> parts(String rep, char component, char subcomponent) {
        List<String> parts = new ArrayList<>();
        for (String c : Er7.split(rep, component)) {
            parts.add(Er7.part(c, subcomponent, 1));
        }
        return parts;
    }

    private static String firstValue(List<String> parts) {
        return part(parts, 1);
    }

    private static String part(List<String> parts, int n) {
        return n <= parts.size() ? parts.get(n - 1) : "";
    }

    /** HAPI names a table {@code HL70155}; Ward's tables are keyed {@code 0155}. */
    private static String prefixless(String table) {
        return table.startsWith("HL7") ? table.substring(3) : table;
    }
}
