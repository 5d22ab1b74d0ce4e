package org.ward.profile.structure;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.AbstractSegment;
import ca.uhn.hl7v2.model.Group;
import ca.uhn.hl7v2.model.v26.datatype.CWE;
import ca.uhn.hl7v2.model.v26.datatype.DTM;
import ca.uhn.hl7v2.model.v26.datatype.EI;
import ca.uhn.hl7v2.model.v26.datatype.ID;
import ca.uhn.hl7v2.model.v26.datatype.PL;
import ca.uhn.hl7v2.model.v26.datatype.XAD;
import ca.uhn.hl7v2.model.v26.datatype.XCN;
import ca.uhn.hl7v2.model.v26.datatype.XON;
import ca.uhn.hl7v2.model.v26.datatype.XTN;
import ca.uhn.hl7v2.parser.ModelClassFactory;

/**
 * PRT Participation Information, HL7 v2.7 §7.4.4, fields 1..15, built from v2.6 data types.
 *
 * <p>HL7 v2.6 has no PRT segment, yet IHE PCD TF-2 Rev 9.0 §3.5.4.1.3 uses it in [PCD-05]: PRT-4
 * {@code AAP} (Alert Acknowledging Provider) names who received or acknowledged the alert, and
 * §B.10.3 fills PRT-10 (device, e.g. pager PIN) and PRT-11 (time of the status update). Field
 * list and cardinalities follow HAPI's generated v2.7 PRT class.
 */
public class PRT extends AbstractSegment {

    private static final long serialVersionUID = 1L;

    public PRT(Group parent, ModelClassFactory factory) {
        super(parent, factory);
        try {
            add(EI.class, false, 1, 0, new Object[] {getMessage()}, "Participation Instance ID");
            add(ID.class, true, 1, 2, new Object[] {getMessage(), 287}, "Action Code");
            add(CWE.class, false, 1, 0, new Object[] {getMessage()}, "Action Reason");
            add(CWE.class, true, 1, 0, new Object[] {getMessage()}, "Participation");
            add(XCN.class, false, 0, 0, new Object[] {getMessage()}, "Participation Person");
            add(CWE.class, false, 1, 0, new Object[] {getMessage()}, "Participation Person Provider Type");
            add(CWE.class, false, 1, 0, new Object[] {getMessage()}, "Participant Organization Unit Type");
            add(XON.class, false, 0, 0, new Object[] {getMessage()}, "Participation Organization");
            add(PL.class, false, 0, 0, new Object[] {getMessage()}, "Participant Location");
            add(EI.class, false, 0, 0, new Object[] {getMessage()}, "Participation Device");
            add(DTM.class, false, 1, 0, new Object[] {getMessage()}, "Participation Begin Date/Time");
            add(DTM.class, false, 1, 0, new Object[] {getMessage()}, "Participation End Date/Time");
            add(CWE.class, false, 1, 0, new Object[] {getMessage()}, "Participation Qualitative Duration");
            add(XAD.class, false, 0, 0, new Object[] {getMessage()}, "Participation Address");
            add(XTN.class, false, 0, 0, new Object[] {getMessage()}, "Participant Telecommunication Address");
        } catch (HL7Exception e) {
            // The field table above is fixed; failing here is a programming error, not bad input.
            throw new IllegalStateException("PRT field table is inconsistent", e);
        }
    }

    /** PRT-4 Participation; {@code AAP} in [PCD-05]. */
    public CWE getParticipation() {
        return getTypedField(4, 0);
    }

    /** PRT-5 Participation Person, first repetition. */
    public XCN getParticipationPerson() {
        return getTypedField(5, 0);
    }

    /** PRT-10 Participation Device, first repetition. */
    public EI getParticipationDevice() {
        return getTypedField(10, 0);
    }

    /** PRT-11 Participation Begin Date/Time: when the status update happened in [PCD-05]. */
    public DTM getParticipationBeginDateTime() {
        return getTypedField(11, 0);
    }
}
