package org.ward.validation;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.conf.spec.message.AbstractSegmentContainer;
import ca.uhn.hl7v2.conf.spec.message.Component;
import ca.uhn.hl7v2.conf.spec.message.Field;
import ca.uhn.hl7v2.conf.spec.message.ProfileStructure;
import ca.uhn.hl7v2.conf.spec.message.Seg;
import ca.uhn.hl7v2.conf.spec.message.SegGroup;
import ca.uhn.hl7v2.model.Group;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.parser.ModelClassFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ward.hl7.MessageGrammar;
import org.ward.hl7.StructureNode;

/**
 * Compiles a Gazelle conformance profile, once at start-up, against the HAPI message structure the
 * parser would put a conforming message into: each profile group, segment, field, component and
 * subcomponent is paired with the structure position and model type HAPI's profile validator
 * would test it on. Positions or types the profile names but HAPI does not have are left out, as
 * HAPI's validator leaves them out (it reports them only as profile/model differences).
 */
final class ProfileCompiler {

    private ProfileCompiler() {
    }

    static CompiledProfile compile(GazelleProfile profile, MessageGrammar grammar,
            Class<? extends Message> messageClass, ModelClassFactory factory) {
        Message model;
        try {
            model = messageClass.getConstructor(ModelClassFactory.class).newInstance(factory);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("HAPI message class cannot be instantiated: " + messageClass.getName(), e);
        }
        GroupRule root = group(profile.definition(), grammar.root(), model);
        return new CompiledProfile(profile, grammar, root);
    }

    private static GroupRule group(AbstractSegmentContainer container, StructureNode node, Group model) {
        List<StructureRule> children = new ArrayList<>();
        Set<String> allowed = new HashSet<>();
        for (ProfileStructure structure : container) {
            String name = structure.getName();
            if (!structure.getUsage().equalsIgnoreCase("X")) {
                allowed.add(name);
            }
            int position = positionOf(node, name);
            SegmentRule segment = null;
            GroupRule group = null;
            if (position >= 0) {
                StructureNode child = node.children().get(position);
                if (structure instanceof Seg seg && child.isSegment()) {
                    segment = segment(seg, (Segment) get(model, name));
                } else if (structure instanceof SegGroup segGroup && !child.isSegment()) {
                    group = group(segGroup, child, (Group) get(model, name));
                }
            }
            children.add(new StructureRule(name, structure.getUsage(), structure.getMin(), structure.getMax(), position,
                    segment, group));
        }
        List<Integer> unprofiled = new ArrayList<>();
        for (StructureNode child : node.children()) {
            if (!allowed.contains(child.nameInParent())) {
                unprofiled.add(child.position());
            }
        }
        return new GroupRule(children, unprofiled);
    }

    private static int positionOf(StructureNode node, String name) {
        for (StructureNode child : node.children()) {
            if (child.nameInParent().equals(name)) {
                return child.position();
            }
        }
        return -1;
    }

    private static SegmentRule segment(Seg profile, Segment model) {
        List<ModelType> modelFields = new ArrayList<>();
        try {
            for (int n = 1; n <= model.numFields(); n++) {
                modelFields.add(ModelType.of(model.getField(n, 0)));
            }
        } catch (HL7Exception e) {
            throw new IllegalStateException("HAPI model of " + profile.getName() + " lists a field it cannot create", e);
        }
        List<ElementRule> fields = new ArrayList<>();
        for (int n = 1; n <= profile.getFields(); n++) {
            Field field = profile.getField(n);
            if (field.getUsage().equalsIgnoreCase("X")) {
                fields.add(null);
                continue;
            }
            ModelType type = n <= modelFields.size() ? modelFields.get(n - 1)
                    : new ModelType(ModelType.VARIES, false, List.of());
            List<ElementRule> components = new ArrayList<>();
            if (type.composite()) {
                int shared = Math.min(field.getComponents(), type.components().size());
                for (int c = 1; c <= shared; c++) {
                    components.add(component(field.getComponent(c), type.components().get(c - 1)));
                }
            }
            fields.add(ElementRule.of(field, field.getMin(), field.getMax(), type, components, field.getComponents()));
        }
        return new SegmentRule(profile.getName(), fields, modelFields);
    }

    private static ElementRule component(Component profile, ModelType type) {
        List<ElementRule> subcomponents = new ArrayList<>();
        if (type.composite()) {
            int shared = Math.min(profile.getSubComponents(), type.components().size());
            for (int s = 1; s <= shared; s++) {
                subcomponents.add(ElementRule.of(profile.getSubComponent(s), 0, 0, type.components().get(s - 1),
                        List.of(), 0));
            }
        }
        return ElementRule.of(profile, 0, 0, type, subcomponents, profile.getSubComponents());
    }

    private static Object get(Group group, String name) {
        try {
            return group.get(name);
        } catch (HL7Exception e) {
            throw new IllegalStateException("HAPI group lists a child it cannot create: " + name, e);
        }
    }
}
