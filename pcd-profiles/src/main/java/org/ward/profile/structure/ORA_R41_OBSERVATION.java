package org.ward.profile.structure;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.AbstractGroup;
import ca.uhn.hl7v2.model.Group;
import ca.uhn.hl7v2.model.v26.segment.NTE;
import ca.uhn.hl7v2.model.v26.segment.OBX;
import ca.uhn.hl7v2.parser.ModelClassFactory;

/** OBSERVATION group of {@link ORA_R41}: OBX [{NTE}] (IHE PCD TF-2 Rev 9.0 Table 3.5.4.1.4-1). */
public class ORA_R41_OBSERVATION extends AbstractGroup {

    private static final long serialVersionUID = 1L;

    public ORA_R41_OBSERVATION(Group parent, ModelClassFactory factory) {
        super(parent, factory);
        try {
            add(OBX.class, true, false);
            add(NTE.class, false, true);
        } catch (HL7Exception e) {
            throw new IllegalStateException("ORA_R41 OBSERVATION group is inconsistent", e);
        }
    }

    public OBX getOBX() {
        return getTyped("OBX", OBX.class);
    }

    public NTE getNTE(int rep) {
        return getTyped("NTE", rep, NTE.class);
    }

    public int getNTEReps() {
        return getReps("NTE");
    }
}
