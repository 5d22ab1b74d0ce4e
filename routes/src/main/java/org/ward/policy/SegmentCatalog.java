package org.ward.policy;

import ca.uhn.hl7v2.model.Group;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.v26.message.ACK;
import ca.uhn.hl7v2.parser.DefaultModelClassFactory;
import ca.uhn.hl7v2.parser.ModelClassFactory;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import org.ward.hl7.ErrorLocation;
import org.ward.profile.structure.PRT;

/**
 * The segments HL7 v2.6 defines (HAPI's v2.6 structures, plus PRT, which IHE PCD takes from v2.7)
 * and how many fields each has, so a policy naming {@code PDI} or {@code PID-90} is refused at load.
 * Site-defined Z segments are accepted with any field number.
 */
public final class SegmentCatalog {

    private static final ModelClassFactory FACTORY = new DefaultModelClassFactory();
    private static final Map<String, OptionalInt> KNOWN = new ConcurrentHashMap<>();

    private SegmentCatalog() {
    }

    /** Whether the segment exists in v2.6 (or is PRT, or a Z segment). */
    public static boolean exists(String name) {
        return isZ(name) || fieldCount(name).isPresent();
    }

    /** How many fields the segment defines; empty for an unknown segment and for Z segments. */
    public static OptionalInt fieldCount(String name) {
        if (isZ(name) || !ErrorLocation.isSegmentId(name)) {
            return OptionalInt.empty();
        }
        return KNOWN.computeIfAbsent(name, SegmentCatalog::count);
    }

    private static boolean isZ(String name) {
        return name.length() == 3 && name.charAt(0) == 'Z';
    }

    private static OptionalInt count(String name) {
        try {
            Group parent = new ACK(FACTORY);
            Segment segment = name.equals("PRT") ? new PRT(parent, FACTORY)
                    : (Segment) Class.forName("ca.uhn.hl7v2.model.v26.segment." + name)
                            .getConstructor(Group.class, ModelClassFactory.class).newInstance(parent, FACTORY);
            return OptionalInt.of(segment.numFields());
        } catch (ClassNotFoundException e) {
            return OptionalInt.empty();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("HAPI v2.6 structure for segment " + name + " cannot be built", e);
        }
    }
}
