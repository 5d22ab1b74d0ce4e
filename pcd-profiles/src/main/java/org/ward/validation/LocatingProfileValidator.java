package org.ward.validation;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.conf.ProfileException;
import ca.uhn.hl7v2.conf.check.DefaultValidator;
import ca.uhn.hl7v2.conf.spec.message.Component;
import ca.uhn.hl7v2.conf.spec.message.Field;
import ca.uhn.hl7v2.conf.spec.message.Seg;
import ca.uhn.hl7v2.conf.spec.message.StaticDef;
import ca.uhn.hl7v2.model.Composite;
import ca.uhn.hl7v2.model.Group;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.Structure;
import ca.uhn.hl7v2.model.Type;
import ca.uhn.hl7v2.model.Varies;
import ca.uhn.hl7v2.model.Visitable;
import ca.uhn.hl7v2.parser.EncodingCharacters;
import ca.uhn.hl7v2.parser.PipeParser;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HAPI's conformance-profile validator with every check re-stated so that it records a
 * {@link ProfileFinding} (kind plus position) rather than an exception whose text quotes the
 * message, and so that each finding learns its segment sequence, field repetition and component,
 * which HAPI does not track. One instance per validated message: it keeps the segment, field and
 * composite being tested (HAPI documents {@code DefaultValidator} as not thread-safe anyway).
 */
final class LocatingProfileValidator extends DefaultValidator {

    private static final Logger LOG = LoggerFactory.getLogger(LocatingProfileValidator.class);

    private final MessageSegments segments;
    private Segment currentSegment;
    private Composite currentComposite;

    LocatingProfileValidator(HapiContext context, MessageSegments segments) {
        super(context);
        this.segments = segments;
    }

    // ----- where: annotate findings with segment sequence, repetition and component -----

    @Override
    protected List<HL7Exception> doTestSegment(Segment segment, Seg profile, String profileID, boolean validateChildren)
            throws ProfileException {
        currentSegment = segment;
        List<HL7Exception> found = super.doTestSegment(segment, profile, profileID, validateChildren);
        MessageSegments.Entry entry = segments.entryOf(segment);
        if (entry != null) {
            findings(found).forEach(f -> f.locateSequence(entry.sequence()));
        }
        return found;
    }

    @Override
    protected List<HL7Exception> doTestField(Type type, Field profile, boolean escape, String profileID,
            boolean validateChildren) throws ProfileException, HL7Exception {
        Composite previous = currentComposite;
        currentComposite = type instanceof Composite composite ? composite : null;
        // For a field HAPI models as a primitive (DTM) where the profile has components (TS), HAPI's
        // child pass only adds a ProfileNotHL7CompliantException, a profile/model difference that
        // check() drops. Skipping that pass spares a PCD-01 about 12 exceptions, stack traces
        // included; composites are checked component by component as before.
        boolean children = validateChildren && type instanceof Composite;
        try {
            List<HL7Exception> found = super.doTestField(type, profile, escape, profileID, children);
            int repetition = repetitionOf(type);
            findings(found).forEach(f -> f.locateRepetition(repetition));
            return found;
        } finally {
            currentComposite = previous;
        }
    }

    @Override
    protected List<HL7Exception> doTestComponent(Type type, Component profile, String profileID,
            boolean validateChildren) throws ProfileException, HL7Exception {
        List<HL7Exception> found = super.doTestComponent(type, profile, profileID, validateChildren);
        int component = componentOf(type);
        if (component > 0) {
            findings(found).forEach(f -> f.locateComponent(component));
        }
        return found;
    }

    private int repetitionOf(Type type) {
        if (currentSegment == null) {
            return 1;
        }
        for (int field = 1; field <= currentSegment.numFields(); field++) {
            Type[] reps = fieldOf(currentSegment, field);
            for (int rep = 0; rep < reps.length; rep++) {
                if (reps[rep] == type) {
                    return rep + 1;
                }
            }
        }
        return 1;
    }

    private int componentOf(Type type) {
        if (currentComposite == null) {
            return 0;
        }
        Type[] components = currentComposite.getComponents();
        for (int i = 0; i < components.length; i++) {
            if (components[i] == type) {
                return i + 1;
            }
        }
        return 0;
    }

    // ----- what: the checks, recorded as ProfileFinding -----

    @Override
    protected void checkMessageType(String messageType, StaticDef profile, List<HL7Exception> out) {
        if (!profile.getMsgType().equals(messageType)) {
            out.add(new ProfileFinding(ProfileFinding.Kind.WRONG_MESSAGE_TYPE, "MSH"));
        }
    }

    @Override
    protected void checkEventType(String eventType, StaticDef profile, List<HL7Exception> out) {
        if (!profile.getEventType().equals(eventType) && !profile.getEventType().equalsIgnoreCase("ALL")) {
            out.add(new ProfileFinding(ProfileFinding.Kind.WRONG_EVENT_TYPE, "MSH"));
        }
    }

    @Override
    protected void checkMessageStructure(String structure, StaticDef profile, List<HL7Exception> out) {
        // An empty MSH-9.3 is already a usage (R) finding on MSH-9; report it once.
        if (structure != null && !structure.isEmpty() && !structure.equals(profile.getMsgStructID())) {
            out.add(new ProfileFinding(ProfileFinding.Kind.WRONG_MESSAGE_STRUCTURE, "MSH"));
        }
    }

    @Override
    protected HL7Exception testCardinality(int reps, int min, int max, String usage, String name,
            List<HL7Exception> out) {
        ProfileFinding finding = null;
        if (reps < min && usage.equalsIgnoreCase("R")) {
            finding = new ProfileFinding(ProfileFinding.Kind.REQUIRED_MISSING, name);
        } else if (max > 0 && reps > max) {
            finding = new ProfileFinding(ProfileFinding.Kind.TOO_MANY_REPETITIONS, name);
        }
        if (finding != null) {
            out.add(finding);
        }
        return finding;
    }

    @Override
    protected void testUsage(String encoded, String usage, String name, List<HL7Exception> out) {
        if (usage.equalsIgnoreCase("R") && encoded.isEmpty()) {
            out.add(new ProfileFinding(ProfileFinding.Kind.REQUIRED_MISSING, name));
        } else if (usage.equalsIgnoreCase("X") && !encoded.isEmpty()) {
            out.add(new ProfileFinding(ProfileFinding.Kind.NOT_SUPPORTED, name));
        }
    }

    @Override
    protected void checkForExtraStructures(Group group, List<String> allowed, List<HL7Exception> out) {
        for (String name : group.getNames()) {
            if (allowed.contains(name)) {
                continue;
            }
            for (Structure structure : all(group, name)) {
                if (!isEmpty(structure)) {
                    ProfileFinding finding = new ProfileFinding(ProfileFinding.Kind.NOT_SUPPORTED, structure.getName());
                    if (structure instanceof Segment segment && segments.entryOf(segment) != null) {
                        finding.locateSequence(segments.entryOf(segment).sequence());
                    }
                    out.add(finding);
                }
            }
        }
    }

    @Override
    protected void checkForExtraFields(Segment segment, List<Integer> allowed, List<HL7Exception> out) {
        for (int field = 1; field <= segment.numFields(); field++) {
            if (allowed.contains(field)) {
                continue;
            }
            Type[] reps = fieldOf(segment, field);
            for (int rep = 0; rep < reps.length; rep++) {
                if (!isEmpty(reps[rep])) {
                    ProfileFinding finding = new ProfileFinding(ProfileFinding.Kind.NOT_SUPPORTED, segment.getName());
                    finding.setFieldPosition(field);
                    finding.locateRepetition(rep + 1);
                    out.add(finding);
                }
            }
        }
    }

    @Override
    protected void checkExtraComponents(Composite composite, int profiledComponents, List<HL7Exception> out) {
        Type[] components = composite.getComponents();
        for (int i = profiledComponents; i < components.length; i++) {
            if (!PipeParser.encode(components[i], getEncoding()).isEmpty()) {
                ProfileFinding finding = new ProfileFinding(ProfileFinding.Kind.NOT_SUPPORTED, "");
                finding.locateComponent(i + 1);
                out.add(finding);
            }
        }
    }

    @Override
    protected void checkLength(long maxLength, String name, String encoded, List<HL7Exception> out) {
        // A profile element without a Length attribute parses as a non-positive length: no limit.
        if (maxLength > 0 && encoded.length() > maxLength) {
            out.add(new ProfileFinding(ProfileFinding.Kind.TOO_LONG, name));
        }
    }

    @Override
    protected void checkConstantValue(String constant, String encoded, List<HL7Exception> out) {
        if (constant != null && !constant.isEmpty() && !constant.equals(encoded)) {
            out.add(new ProfileFinding(ProfileFinding.Kind.CONSTANT_MISMATCH, ""));
        }
    }

    /**
     * The data type of a parsed field is fixed by HAPI's model class, not by what the sender wrote,
     * so a mismatch here (the Gazelle profiles say TS where HAPI v2.6 has DTM) is a disagreement
     * between profile and library that the sender cannot cause or fix: not reported.
     */
    @Override
    protected void checkDataType(String profileDatatype, Type type, List<HL7Exception> out) {
        if (!(type instanceof Varies) && !type.getName().equals(profileDatatype)) {
            LOG.trace("profile data type {} differs from HAPI model type {}", profileDatatype, type.getName());
        }
    }

    /** HAPI passes (profile ID, code system such as {@code HL70155}, value). */
    @Override
    protected void addTableTestResult(String profileID, String table, String value, List<HL7Exception> out) {
        checkTable(table, value, out);
    }

    @Override
    protected void testValueAgainstTable(String profileID, String table, String value, List<HL7Exception> out) {
        checkTable(table, value, out);
    }

    private static void checkTable(String table, String value, List<HL7Exception> out) {
        if (table == null || value == null || value.isEmpty()) {
            return;
        }
        String number = table.startsWith("HL7") ? table.substring(3) : table;
        Hl7Tables.values(number)
                .filter(values -> !values.contains(value))
                .ifPresent(values -> out.add(new ProfileFinding(ProfileFinding.Kind.TABLE_VALUE_NOT_FOUND, "", number)));
    }

    // ----- helpers -----

    /** The findings among HAPI's exceptions; a plain loop, as this runs for every tested element. */
    private static List<ProfileFinding> findings(List<HL7Exception> found) {
        if (found.isEmpty()) {
            return List.of();
        }
        List<ProfileFinding> findings = new ArrayList<>(found.size());
        for (HL7Exception e : found) {
            if (e instanceof ProfileFinding finding) {
                findings.add(finding);
            }
        }
        return findings;
    }

    private EncodingCharacters getEncoding() {
        return segments.encodingCharacters();
    }

    private static boolean isEmpty(Visitable element) {
        try {
            return element.isEmpty();
        } catch (HL7Exception e) {
            throw new IllegalStateException("HAPI cannot tell whether an element is empty", e);
        }
    }

    private static Type[] fieldOf(Segment segment, int field) {
        try {
            return segment.getField(field);
        } catch (HL7Exception e) {
            throw new IllegalStateException(segment.getName() + "-" + field + " is not in HAPI's model", e);
        }
    }

    private static Structure[] all(Group group, String name) {
        try {
            return group.getAll(name);
        } catch (HL7Exception e) {
            throw new IllegalStateException("HAPI group lists a child it cannot return: " + name, e);
        }
    }
}
