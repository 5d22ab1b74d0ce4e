package org.ward.hl7;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One node of a message structure (the message, a group or a segment), read once from HAPI's
 * model classes with the attributes HAPI's parser navigates by: repeating, required, choice, the
 * next segment in document order, and the segment IDs that may start it or follow it. Immutable
 * once {@link MessageGrammar} has built the tree.
 */
public final class StructureNode {

    private final String name;
    private final String nameInParent;
    private final boolean segment;
    private final boolean repeating;
    private final boolean required;
    private final boolean choice;
    private final int position;
    private StructureNode parent;
    private StructureNode nextLeaf;
    private final List<StructureNode> children = new ArrayList<>();
    private Set<String> firstChildren;
    private Set<String> followingLeaves;
    private List<FieldShape> fields = List.of();

    StructureNode(String name, String nameInParent, boolean segment, boolean repeating, boolean required,
            boolean choice, int position) {
        this.name = name;
        this.nameInParent = nameInParent;
        this.segment = segment;
        this.repeating = repeating;
        this.required = required;
        this.choice = choice;
        this.position = position;
    }

    void addChild(StructureNode child) {
        child.parent = this;
        children.add(child);
    }

    void setFields(List<FieldShape> shapes) {
        fields = List.copyOf(shapes);
    }

    /** For a segment: how HAPI's model holds field {@code n}. */
    public FieldShape field(int n) {
        return n >= 1 && n <= fields.size() ? fields.get(n - 1) : FieldShape.VARIES;
    }

    void setNextLeaf(StructureNode next) {
        nextLeaf = next;
    }

    /** Works out the navigation sets bottom-up; called once the whole tree exists. */
    void seal() {
        for (StructureNode child : children) {
            child.seal();
        }
        firstChildren();
        followingLeaves();
    }

    /** HAPI's name: the segment ID, or the group's class name. */
    public String name() {
        return name;
    }

    /** The name under which the parent lists it (e.g. {@code PATIENT_RESULT}, {@code NTE2}). */
    public String nameInParent() {
        return nameInParent;
    }

    public boolean isSegment() {
        return segment;
    }

    public boolean isRepeating() {
        return repeating;
    }

    public boolean isRequired() {
        return required;
    }

    /** Index among the parent's children. */
    public int position() {
        return position;
    }

    public StructureNode parent() {
        return parent;
    }

    public List<StructureNode> children() {
        return Collections.unmodifiableList(children);
    }

    boolean hasChildren() {
        return !children.isEmpty();
    }

    StructureNode nextLeaf() {
        return nextLeaf;
    }

    boolean isFinalChildOfParent() {
        return parent == null || position == parent.children.size() - 1;
    }

    StructureNode nextSibling() {
        return parent.children.get(position + 1);
    }

    /** The IDs that can open this node: its own name and its children's, up to the first required. */
    Set<String> firstChildren() {
        if (firstChildren == null) {
            Set<String> names = new HashSet<>();
            boolean inChoice = false;
            for (StructureNode child : children) {
                names.addAll(child.firstChildren());
                if (child.choice) {
                    inChoice = true;
                    continue;
                }
                if (inChoice || child.required) {
                    break;
                }
            }
            names.add(name);
            firstChildren = Set.copyOf(names);
        }
        return firstChildren;
    }

    /** The IDs that may come after this node: later segments, and openers of repeating ancestors. */
    Set<String> followingLeaves() {
        if (followingLeaves == null) {
            Set<String> names = new HashSet<>();
            if (nextLeaf != null) {
                names.add(nextLeaf.name);
                names.addAll(nextLeaf.followingLeaves());
            }
            for (StructureNode p = parent; p != null; p = p.parent) {
                if (p.repeating) {
                    names.addAll(p.firstChildren());
                }
            }
            followingLeaves = Set.copyOf(names);
        }
        return followingLeaves;
    }
}
