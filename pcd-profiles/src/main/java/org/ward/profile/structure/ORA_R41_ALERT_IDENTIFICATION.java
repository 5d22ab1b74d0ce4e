package org.ward.profile.structure;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.AbstractGroup;
import ca.uhn.hl7v2.model.Group;
import ca.uhn.hl7v2.model.v26.segment.OBR;
import ca.uhn.hl7v2.model.v26.segment.ORC;
import ca.uhn.hl7v2.parser.ModelClassFactory;

/**
 * ALERT_IDENTIFICATION group of {@link ORA_R41}: [ORC] OBR [{PRT}] [{OBSERVATION}], the order of
 * IHE PCD TF-2 Rev 9.0 Table 3.5.4.1.4-1 (the group name follows the [PCD-04] grammar, Table
 * 3.4.4.1.2-2, which identifies the alert the status is about).
 */
public class ORA_R41_ALERT_IDENTIFICATION extends AbstractGroup {

    private static final long serialVersionUID = 1L;

    public ORA_R41_ALERT_IDENTIFICATION(Group parent, ModelClassFactory factory) {
        super(parent, factory);
        try {
            add(ORC.class, false, false);
            add(OBR.class, true, false);
            add(PRT.class, false, true);
            add(ORA_R41_OBSERVATION.class, false, true);
        } catch (HL7Exception e) {
            throw new IllegalStateException("ORA_R41 ALERT_IDENTIFICATION group is inconsistent", e);
        }
    }

    public ORC getORC() {
        return getTyped("ORC", ORC.class);
    }

    public OBR getOBR() {
        return getTyped("OBR", OBR.class);
    }

    public PRT getPRT(int rep) {
        return getTyped("PRT", rep, PRT.class);
    }

    public int getPRTReps() {
        return getReps("PRT");
    }

    public ORA_R41_OBSERVATION getOBSERVATION(int rep) {
        return getTyped("OBSERVATION", rep, ORA_R41_OBSERVATION.class);
    }

    public int getOBSERVATIONReps() {
        return getReps("OBSERVATION");
    }
}
