package org.ward.profile.structure;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.AbstractMessage;
import ca.uhn.hl7v2.model.v26.segment.ERR;
import ca.uhn.hl7v2.model.v26.segment.MSA;
import ca.uhn.hl7v2.model.v26.segment.MSH;
import ca.uhn.hl7v2.model.v26.segment.SFT;
import ca.uhn.hl7v2.model.v26.segment.UAC;
import ca.uhn.hl7v2.parser.ModelClassFactory;
import org.ward.profile.PcdModelClassFactory;

/**
 * ORA^R41^ORA_R41, the [PCD-05] Report Alert Status message, for HAPI's v2.6 model.
 *
 * <pre>
 * MSH                                     HL7 v2.8 §7.3.13
 * [{SFT}]                                 HL7 v2.8
 * [UAC]                                   HL7 v2.8
 * [MSA]                                   HL7 v2.8 (required there; absent from the IHE table)
 * [{ERR}]                                 HL7 v2.8
 * [{PRT}]                                 HL7 v2.8
 * [PATIENT: PID [PV1]]                    IHE PCD TF-2 Rev 9.0 Table 3.5.4.1.4-1
 * [{ALERT_IDENTIFICATION:                 IHE PCD TF-2 Rev 9.0 Table 3.5.4.1.4-1
 *    [ORC] OBR [{PRT}] [{OBSERVATION: OBX [{NTE}]}] }]
 * </pre>
 *
 * <p>HL7 v2.8 defines ORA_R41 (HAPI {@code ca.uhn.hl7v2.model.v28.message.ORA_R41}) as an
 * acknowledgement-shaped structure: MSH [{SFT}] [UAC] MSA [{ERR}] [{PRT}]. The IHE PCD Technical
 * Framework instead sends the alert's patient, location, OBR and OBX with the PRT that names who
 * received or acknowledged it, and no MSA. This class keeps the v2.8 segments first, all optional
 * except MSH, and appends the IHE body, so both shapes parse without any segment falling out as
 * non-standard. PRT is not a v2.6 segment; {@link PRT} supplies it.
 */
public class ORA_R41 extends AbstractMessage {

    private static final long serialVersionUID = 1L;

    public ORA_R41() {
        this(new PcdModelClassFactory());
    }

    public ORA_R41(ModelClassFactory factory) {
        super(factory);
        try {
            add(MSH.class, true, false);
            add(SFT.class, false, true);
            add(UAC.class, false, false);
            add(MSA.class, false, false);
            add(ERR.class, false, true);
            add(PRT.class, false, true);
            add(ORA_R41_PATIENT.class, false, false);
            add(ORA_R41_ALERT_IDENTIFICATION.class, false, true);
        } catch (HL7Exception e) {
            throw new IllegalStateException("ORA_R41 structure is inconsistent", e);
        }
    }

    /** The model is HL7 v2.6, the version IHE PCD messages declare in MSH-12. */
    @Override
    public String getVersion() {
        return "2.6";
    }

    public MSH getMSH() {
        return getTyped("MSH", MSH.class);
    }

    public MSA getMSA() {
        return getTyped("MSA", MSA.class);
    }

    public ORA_R41_PATIENT getPATIENT() {
        return getTyped("PATIENT", ORA_R41_PATIENT.class);
    }

    public ORA_R41_ALERT_IDENTIFICATION getALERT_IDENTIFICATION(int rep) {
        return getTyped("ALERT_IDENTIFICATION", rep, ORA_R41_ALERT_IDENTIFICATION.class);
    }

    public int getALERT_IDENTIFICATIONReps() {
        return getReps("ALERT_IDENTIFICATION");
    }
}
