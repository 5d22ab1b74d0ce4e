package org.ward.validation;

import java.util.List;

/**
 * A profiled segment or group inside its parent, matched by name to the HAPI structure position
 * the parser fills: usage and cardinality, and the rule for each occurrence.
 *
 * @param name     the profile's name (a segment ID or a group name)
 * @param usage    usage code as written in the profile
 * @param min      minimum occurrences
 * @param max      maximum occurrences, -1 for *
 * @param position the HAPI child position with this name, or -1 when HAPI has none
 * @param segment  the segment rule, when profile and HAPI both see a segment here
 * @param group    the group rule, when profile and HAPI both see a group here
 */
record StructureRule(String name, String usage, int min, int max, int position, SegmentRule segment,
                     GroupRule group) {

    boolean excluded() {
        return usage.equalsIgnoreCase("X");
    }
}
