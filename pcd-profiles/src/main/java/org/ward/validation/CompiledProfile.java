package org.ward.validation;

import java.util.ArrayList;
import java.util.List;
import org.ward.hl7.Er7Segment;
import org.ward.hl7.GroupInstance;
import org.ward.hl7.MessageGrammar;
import org.ward.hl7.SegmentInstance;

/**
 * A Gazelle conformance profile compiled against HAPI's message structure (see
 * {@link ProfileCompiler}), checking a placed ER7 message the way HAPI's {@code DefaultValidator}
 * (as re-stated by {@link LocatingProfileValidator}) checks a parsed one: message type, then each
 * group's children with usage and cardinality, then each segment's fields (see
 * {@link SegmentConformance}), then content where the profile says X. Findings come out in the
 * same order. Immutable and thread-safe.
 */
final class CompiledProfile {

    private final GazelleProfile profile;
    private final MessageGrammar grammar;
    private final GroupRule root;

    CompiledProfile(GazelleProfile profile, MessageGrammar grammar, GroupRule root) {
        this.profile = profile;
        this.grammar = grammar;
        this.root = root;
    }

    GazelleProfile profile() {
        return profile;
    }

    /** The HAPI structure a message must be placed into before {@link #check}. */
    MessageGrammar grammar() {
        return grammar;
    }

    List<ProfileViolation> check(PlacedSegments segments) {
        List<ProfileViolation> out = new ArrayList<>();
        Er7Segment msh = segments.message().repetitions(0).isEmpty() ? null
                : ((SegmentInstance) segments.message().repetitions(0).get(0)).segment();
        checkMessageType(msh, out);
        checkGroup(segments.message(), root, segments, out);
        return out;
    }

    private void checkMessageType(Er7Segment msh, List<ProfileViolation> out) {
        String type = msh == null ? "" : msh.component(9, 1, 1);
        String event = msh == null ? "" : msh.component(9, 1, 2);
        String structure = msh == null ? "" : msh.component(9, 1, 3);
        if (!profile.definition().getMsgType().equals(type)) {
            out.add(ProfileViolation.ofStructure(ProfileFinding.Kind.WRONG_MESSAGE_TYPE, "MSH", 0));
        }
        String profileEvent = profile.definition().getEventType();
        if (!profileEvent.equals(event) && !profileEvent.equalsIgnoreCase("ALL")) {
            out.add(ProfileViolation.ofStructure(ProfileFinding.Kind.WRONG_EVENT_TYPE, "MSH", 0));
        }
        if (!structure.isEmpty() && !structure.equals(profile.definition().getMsgStructID())) {
            out.add(ProfileViolation.ofStructure(ProfileFinding.Kind.WRONG_MESSAGE_STRUCTURE, "MSH", 0));
        }
    }

    private void checkGroup(GroupInstance group, GroupRule rule, PlacedSegments segments, List<ProfileViolation> out) {
        for (StructureRule child : rule.children()) {
            if (child.excluded() || child.position() < 0) {
                continue; // X: not tested; no such HAPI child: a profile/model difference, not reported
            }
            List<Object> withContent = new ArrayList<>();
            for (Object rep : group.repetitions(child.position())) {
                if (!isEmpty(rep)) {
                    withContent.add(rep);
                }
            }
            ProfileFinding.Kind cardinality = cardinality(withContent.size(), child.min(), child.max(), child.usage());
            if (cardinality != null) {
                out.add(ProfileViolation.ofStructure(cardinality, child.name(), 0));
            }
            for (Object rep : withContent) {
                if (child.segment() != null && rep instanceof SegmentInstance segment) {
                    SegmentConformance.check(segment.segment(), child.segment(), segments, out);
                } else if (child.group() != null && rep instanceof GroupInstance childGroup) {
                    checkGroup(childGroup, child.group(), segments, out);
                }
            }
        }
        for (int position : rule.unprofiledPositions()) {
            for (Object rep : group.repetitions(position)) {
                if (!isEmpty(rep)) {
                    if (rep instanceof SegmentInstance segment) {
                        out.add(ProfileViolation.ofStructure(ProfileFinding.Kind.NOT_SUPPORTED, segment.node().name(),
                                segments.sequenceOf(segment.segment())));
                    } else {
                        out.add(ProfileViolation.ofStructure(ProfileFinding.Kind.NOT_SUPPORTED,
                                ((GroupInstance) rep).node().name(), 0));
                    }
                }
            }
        }
    }

    /** HL7 v2.5 §2.12.6.4 as HAPI applies it: the minimum counts only for usage R. */
    static ProfileFinding.Kind cardinality(int reps, int min, int max, String usage) {
        if (reps < min && usage.equalsIgnoreCase("R")) {
            return ProfileFinding.Kind.REQUIRED_MISSING;
        }
        if (max > 0 && reps > max) {
            return ProfileFinding.Kind.TOO_MANY_REPETITIONS;
        }
        return null;
    }

    private static boolean isEmpty(Object rep) {
        return rep instanceof GroupInstance group ? group.isEmpty() : ((SegmentInstance) rep).segment().isEmpty();
    }
}
