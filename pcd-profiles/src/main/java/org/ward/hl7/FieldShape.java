package org.ward.hl7;

/**
 * How HAPI's model holds one field of a segment: as a composite of {@code components} parts, or
 * as a single value (a primitive, or {@code Varies} whose type is only known per message).
 *
 * @param composite  whether HAPI models the field as a composite
 * @param components the composite's component count, 1 otherwise
 * @param holdsText  whether a TX value may sit in it (HAPI trims trailing white space off TX),
 *                   always so for {@code Varies}
 */
public record FieldShape(boolean composite, int components, boolean holdsText) {

    /** Fields beyond HAPI's model, and OBX-5, are held as {@code Varies}: one value of any type. */
    public static final FieldShape VARIES = new FieldShape(false, 1, true);
}
