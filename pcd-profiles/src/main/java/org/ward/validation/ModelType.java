package org.ward.validation;

import ca.uhn.hl7v2.model.Composite;
import ca.uhn.hl7v2.model.Type;
import ca.uhn.hl7v2.model.Varies;
import java.util.ArrayList;
import java.util.List;

/**
 * The data type HAPI's v2.6 model gives a field, component or subcomponent: its name (which
 * decides HAPI's table checks: ID, IS, CE), whether it is a composite (only composites have their
 * components checked), and its components. {@code Varies} (OBX-5) takes its type from OBX-2 per
 * message. Read once at start-up.
 *
 * @param name       HAPI's type name, e.g. {@code ID}, {@code CWE}, {@code Varies}
 * @param composite  whether HAPI models it as a composite
 * @param components the component types of a composite, else empty
 */
record ModelType(String name, boolean composite, List<ModelType> components) {

    static final String VARIES = "Varies";

    ModelType {
        components = List.copyOf(components);
    }

    static ModelType of(Type type) {
        if (type instanceof Varies) {
            return new ModelType(VARIES, false, List.of());
        }
        if (type instanceof Composite composite) {
            List<ModelType> components = new ArrayList<>();
            for (Type component : composite.getComponents()) {
                components.add(of(component));
            }
            return new ModelType(type.getName(), true, components);
        }
        return new ModelType(type.getName(), false, List.of());
    }

    boolean isVaries() {
        return name.equals(VARIES);
    }
}
