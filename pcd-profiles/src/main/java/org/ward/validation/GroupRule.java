package org.ward.validation;

import java.util.List;

/**
 * A profiled group (or the message): its children's rules in profile order, and the HAPI child
 * positions no allowed (non-X) profile child names, whose content HAPI reports as not supported.
 */
record GroupRule(List<StructureRule> children, List<Integer> unprofiledPositions) {

    GroupRule {
        children = List.copyOf(children);
        unprofiledPositions = List.copyOf(unprofiledPositions);
    }
}
