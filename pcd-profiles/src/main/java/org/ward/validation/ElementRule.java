package org.ward.validation;

import ca.uhn.hl7v2.conf.spec.message.AbstractComponent;
import java.util.List;

/**
 * A profiled field, component or subcomponent together with the HAPI model type it is checked
 * against, as HAPI's {@code DefaultValidator.testType} uses them: usage, length, constant value,
 * table, and the children (components, or subcomponents) that both profile and model have.
 *
 * @param usage            usage code as written in the profile (R, RE, O, C, CE, X, B)
 * @param min              minimum repetitions (fields only)
 * @param max              maximum repetitions, -1 for * (fields only)
 * @param length           maximum length; 0 or less: no limit
 * @param constant         the fixed value, or "" when none
 * @param table            the bound HL7 table number as HAPI names it ({@code 0155}), or null
 * @param model            HAPI's model type at this place
 * @param children         rules for children 1..min(profile, model)
 * @param profiledChildren how many children the profile lists
 */
record ElementRule(String usage, int min, int max, long length, String constant, String table, ModelType model,
                   List<ElementRule> children, int profiledChildren) {

    ElementRule {
        children = List.copyOf(children);
    }

    static ElementRule of(AbstractComponent<?> profile, int min, int max, ModelType model, List<ElementRule> children,
            int profiledChildren) {
        String table = profile.getTable() == null ? null
                : String.format("HL7%1$4s", profile.getTable()).replace(" ", "0").substring(3);
        String constant = profile.getConstantValue() == null ? "" : profile.getConstantValue();
        return new ElementRule(profile.getUsage(), min, max, profile.getLength(), constant, table, model, children,
                profiledChildren);
    }

    /** HAPI tests the value of anything but usage X ({@code "X".equals(usage)}, case-sensitive). */
    boolean checksValue() {
        return !usage.equals("X");
    }
}
