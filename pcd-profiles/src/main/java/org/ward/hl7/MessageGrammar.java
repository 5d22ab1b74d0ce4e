package org.ward.hl7;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Composite;
import ca.uhn.hl7v2.model.Group;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.Structure;
import ca.uhn.hl7v2.model.Type;
import ca.uhn.hl7v2.model.Varies;
import ca.uhn.hl7v2.parser.ModelClassFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The structure of one HAPI message class (e.g. v2.6 {@code ORU_R01}), read once at start-up, and
 * the placement of a message's segments into it by the rules HAPI's parser follows
 * ({@code ca.uhn.hl7v2.parser.MessageIterator}): a segment goes to the next position that can take
 * it, a group is entered only when the segment can open it, and a group is left when its last
 * child is passed. Where HAPI would add a segment as "non-standard" (an unknown segment, or one
 * that fits nowhere ahead), placement gives up and says so. Thread-safe.
 */
public final class MessageGrammar {

    private final StructureNode root;

    private MessageGrammar(StructureNode root) {
        this.root = root;
    }

    /** Reads the structure of {@code messageClass} as {@code factory} instantiates it. */
    public static MessageGrammar of(Class<? extends Message> messageClass, ModelClassFactory factory) {
        Message message;
        try {
            message = messageClass.getConstructor(ModelClassFactory.class).newInstance(factory);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("HAPI message class cannot be instantiated: " + messageClass.getName(), e);
        }
        List<StructureNode> leaves = new ArrayList<>();
        StructureNode root = new StructureNode(message.getName(), message.getName(), false, false, false, false, 0);
        read(message, root, leaves);
        for (int i = 0; i + 1 < leaves.size(); i++) {
            leaves.get(i).setNextLeaf(leaves.get(i + 1));
        }
        root.seal();
        return new MessageGrammar(root);
    }

    private static void read(Group group, StructureNode node, List<StructureNode> leaves) {
        String[] names = group.getNames();
        for (int i = 0; i < names.length; i++) {
            Structure child;
            StructureNode childNode;
            try {
                child = group.get(names[i]);
                childNode = new StructureNode(child.getName(), names[i], !(child instanceof Group),
                        group.isRepeating(names[i]), group.isRequired(names[i]), group.isChoiceElement(names[i]), i);
            } catch (HL7Exception e) {
                throw new IllegalStateException("HAPI group lists a child it cannot describe: " + names[i], e);
            }
            boolean isSegment = childNode.isSegment();
            node.addChild(childNode);
            if (isSegment) {
                childNode.setFields(shapes((Segment) child));
                leaves.add(childNode);
            } else {
                read((Group) child, childNode, leaves);
            }
        }
    }

    private static List<FieldShape> shapes(Segment segment) {
        List<FieldShape> shapes = new ArrayList<>();
        try {
            for (int n = 1; n <= segment.numFields(); n++) {
                Type type = segment.getField(n, 0);
                if (type instanceof Varies) {
                    shapes.add(FieldShape.VARIES);
                } else {
                    int components = type instanceof Composite composite ? composite.getComponents().length : 1;
                    shapes.add(new FieldShape(type instanceof Composite, components, holdsText(type)));
                }
            }
        } catch (HL7Exception e) {
            throw new IllegalStateException("HAPI model of " + segment.getName() + " lists a field it cannot create", e);
        }
        return shapes;
    }

    private static boolean holdsText(Type type) {
        if (type instanceof Varies || type.getName().equals("TX")) {
            return true;
        }
        if (type instanceof Composite composite) {
            for (Type component : composite.getComponents()) {
                if (holdsText(component)) {
                    return true;
                }
            }
        }
        return false;
    }

    public StructureNode root() {
        return root;
    }

    /**
     * The segments placed into the structure as HAPI's parser would place them, or empty when HAPI
     * would have to add a non-standard segment (or would fail) somewhere.
     */
    public Optional<GroupInstance> place(List<Er7Segment> segments) {
        List<Position> path = new ArrayList<>();
        path.add(new Position(root, -1));
        GroupInstance message = new GroupInstance(root);
        for (Er7Segment segment : segments) {
            path = advance(path, segment.name());
            if (path != null && !readsAsHapiDoes(path.get(path.size() - 1).node, segment)) {
                return Optional.empty();
            }
            if (path == null || !attach(message, path, segment)) {
                return Optional.empty();
            }
        }
        return Optional.of(message);
    }

    /**
     * Whether HAPI's typed model keeps this segment's text as Ward reads it. It does not for
     * subcomponents in a field it holds as one value, or in a component beyond its model: later
     * parts overwrite earlier ones ({@code Terser.getPrimitive} reuses the same extra component).
     * Nor for trailing white space where a TX value may sit: HAPI trims it.
     */
    private static boolean readsAsHapiDoes(StructureNode node, Er7Segment segment) {
        char subcomponent = segment.delimiters().subcomponent();
        // MSH-1 and MSH-2 hold the delimiters themselves.
        for (int n = segment.name().equals("MSH") ? 3 : 1; n <= segment.fieldCount(); n++) {
            String field = segment.field(n);
            FieldShape shape = node.field(n);
            if (shape.holdsText() && Er7.hasTrailingWhitespace(field, segment.delimiters())) {
                return false;
            }
            if (field.indexOf(subcomponent) < 0) {
                continue;
            }
            if (!shape.composite()) {
                return false;
            }
            for (String rep : segment.repetitions(n)) {
                List<String> components = Er7.split(rep, segment.delimiters().component());
                for (int c = shape.components(); c < components.size(); c++) {
                    if (components.get(c).indexOf(subcomponent) >= 0) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** {@code MessageIterator.hasNext()} towards {@code direction}; null where HAPI goes non-standard. */
    private static List<Position> advance(List<Position> path, String direction) {
        while (true) {
            Position current = path.get(path.size() - 1);
            StructureNode node = current.node;
            if (node.isSegment() && node.name().startsWith(direction) && (node.isRepeating() || current.rep == -1)) {
                current.rep++;
                return path;
            } else if (node.isSegment() && node.nextLeaf() == null && !node.followingLeaves().contains(direction)) {
                return null;
            } else if (node.hasChildren() && node.firstChildren().contains(direction)
                    && (node.isRepeating() || current.rep == -1)) {
                current.rep++;
                path.add(new Position(node.children().get(0), -1));
            } else if (!node.hasChildren() && !node.followingLeaves().contains(direction)) {
                return null;
            } else if (node.isFinalChildOfParent()) {
                path = popUntilMatchFound(path, direction);
                if (path == null) {
                    return null;
                }
            } else {
                current.node = node.nextSibling();
                current.rep = -1;
            }
        }
    }

    private static List<Position> popUntilMatchFound(List<Position> path, String direction) {
        List<Position> popped = new ArrayList<>(path.subList(0, path.size() - 1));
        if (popped.isEmpty()) {
            return null;
        }
        StructureNode node = popped.get(popped.size() - 1).node;
        if (node.firstChildren().contains(direction)) {
            return popped;
        }
        if (node.isFinalChildOfParent()) {
            return popped.size() > 1 ? popUntilMatchFound(popped, direction) : null;
        }
        return popped;
    }

    /** {@code MessageIterator.next()}: the instances along the path, created as HAPI creates them. */
    private static boolean attach(GroupInstance message, List<Position> path, Er7Segment segment) {
        GroupInstance group = message;
        for (int i = 1; i < path.size(); i++) {
            Position position = path.get(i);
            List<Object> reps = group.repetitions(position.node.position());
            if (position.rep > reps.size() || position.rep < 0) {
                return false; // HAPI: "Can't create repetition" (a parse failure)
            }
            boolean last = i == path.size() - 1;
            if (last) {
                if (position.rep < reps.size()) {
                    return false; // a segment position is never filled twice
                }
                reps.add(new SegmentInstance(position.node, segment));
            } else {
                if (position.rep == reps.size()) {
                    reps.add(new GroupInstance(position.node));
                }
                if (!(reps.get(position.rep) instanceof GroupInstance child)) {
                    return false;
                }
                group = child;
            }
        }
        return true;
    }

    /** A place in the structure: a node and the repetition reached there (-1: none yet). */
    private static final class Position {
        private StructureNode node;
        private int rep;

        private Position(StructureNode node, int rep) {
            this.node = node;
            this.rep = rep;
        }
    }
}
