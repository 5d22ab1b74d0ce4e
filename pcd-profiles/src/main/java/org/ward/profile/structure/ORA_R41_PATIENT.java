package org.ward.profile.structure;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.AbstractGroup;
import ca.uhn.hl7v2.model.Group;
import ca.uhn.hl7v2.model.v26.segment.PID;
import ca.uhn.hl7v2.model.v26.segment.PV1;
import ca.uhn.hl7v2.parser.ModelClassFactory;

/**
 * PATIENT group of {@link ORA_R41}: PID [PV1] (IHE PCD TF-2 Rev 9.0 Table 3.5.4.1.4-1). The class
 * name carries the message name because HAPI derives the group name by stripping that prefix.
 */
public class ORA_R41_PATIENT extends AbstractGroup {

    private static final long serialVersionUID = 1L;

    public ORA_R41_PATIENT(Group parent, ModelClassFactory factory) {
        super(parent, factory);
        try {
            add(PID.class, true, false);
            add(PV1.class, false, false);
        } catch (HL7Exception e) {
            throw new IllegalStateException("ORA_R41 PATIENT group is inconsistent", e);
        }
    }

    public PID getPID() {
        return getTyped("PID", PID.class);
    }

    public PV1 getPV1() {
        return getTyped("PV1", PV1.class);
    }
}
