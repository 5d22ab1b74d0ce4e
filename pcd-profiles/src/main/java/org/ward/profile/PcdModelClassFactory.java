package org.ward.profile;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.Version;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v26.message.ORU_R01;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import org.ward.profile.structure.ORA_R41;

/**
 * HAPI model classes for IHE PCD messages: HL7 v2.6 structures, plus the three PCD message
 * structures HAPI's v2.6 library cannot resolve.
 *
 * <ul>
 *   <li>{@code ORU^R40} ([PCD-04] Report Alert, IHE PCD TF-2 Rev 9.0 §3.4.4.1.2) and
 *       {@code ORU^R42} ([PCD-10] Communicate Infusion Event Data, §3.10.4.1.1) parse as
 *       {@link ORU_R01}. HAPI's v2.6 event map has no entry for either trigger, so without this
 *       they become a {@code GenericMessage} with every segment untyped. HAPI's v2.8 event map maps
 *       {@code ORU_R40} to {@code ORU_R01}; the TF itself names the [PCD-10] structure
 *       {@code ORU_R01} ({@code ORU^R42^ORU_R01}). The [PCD-04] grammar (Table 3.4.4.1.2-2: ALERT =
 *       [PID [PV1]] {[ORC] OBR [{OBX [PRT] [NTE]}]}) fits ORU_R01's PATIENT_RESULT groups, except
 *       PRT, which v2.6 ORU_R01 does not have.
 *   <li>{@code ORA^R41} ([PCD-05] Report Alert Status, §3.5.4.1.4) parses as Ward's
 *       {@link ORA_R41}: HAPI v2.6 has no such structure (it appears in v2.8, in a shape the TF
 *       does not use; see that class).
 * </ul>
 *
 * <p>Names are matched whether they came from MSH-9.3 ({@code ORU_R40}) or from MSH-9.1/9.2 when
 * MSH-9.3 is empty. Everything else is delegated to {@link CanonicalModelClassFactory} for v2.6.
 */
public class PcdModelClassFactory extends CanonicalModelClassFactory {

    private static final long serialVersionUID = 1L;

    public PcdModelClassFactory() {
        super("2.6");
    }

    @Override
    public Class<? extends Message> getMessageClass(String name, String version, boolean isExplicit)
            throws HL7Exception {
        Class<? extends Message> pcd = pcdStructure(name);
        return pcd != null ? pcd : super.getMessageClass(name, version, isExplicit);
    }

    @Override
    public Class<? extends Message> getMessageClassInASpecificPackage(
            String name, String version, boolean isExplicit, String packageName) throws HL7Exception {
        Class<? extends Message> pcd = pcdStructure(name);
        return pcd != null
                ? pcd
                : super.getMessageClassInASpecificPackage(name, version, isExplicit, packageName);
    }

    @Override
    public String getMessageStructureForEvent(String name, Version version) throws HL7Exception {
        Class<? extends Message> pcd = pcdStructure(name);
        return pcd != null ? pcd.getSimpleName() : super.getMessageStructureForEvent(name, version);
    }

    /** The structure for a PCD message name ({@code CODE_TRIGGER} or an MSH-9.3 value), or null. */
    static Class<? extends Message> pcdStructure(String name) {
        if (name == null) {
            return null;
        }
        return switch (name) {
            case "ORU_R40", "ORU_R42" -> ORU_R01.class;
            case "ORA_R41" -> ORA_R41.class;
            default -> null;
        };
    }
}
