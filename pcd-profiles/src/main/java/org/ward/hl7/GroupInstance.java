package org.ward.hl7;

import java.util.ArrayList;
import java.util.List;

/**
 * One occurrence of a group (or the message itself) after placement: for each child of its
 * structure node, the occurrences placed there, each a {@link GroupInstance} or a
 * {@link SegmentInstance}. Built by {@link MessageGrammar#place}, read-only afterwards.
 */
public final class GroupInstance {

    private final StructureNode node;
    private final List<List<Object>> children;

    GroupInstance(StructureNode node) {
        this.node = node;
        this.children = new ArrayList<>(node.children().size());
        for (int i = 0; i < node.children().size(); i++) {
            children.add(new ArrayList<>(1));
        }
    }

    public StructureNode node() {
        return node;
    }

    /** The occurrences of child {@code position} of this group's node, in order. */
    public List<Object> repetitions(int position) {
        return children.get(position);
    }

    /** Whether no segment below it has content (HAPI's {@code Group.isEmpty()}). */
    public boolean isEmpty() {
        for (List<Object> reps : children) {
            for (Object rep : reps) {
                boolean empty = rep instanceof GroupInstance group ? group.isEmpty()
                        : ((SegmentInstance) rep).segment().isEmpty();
                if (!empty) {
                    return false;
                }
            }
        }
        return true;
    }
}
