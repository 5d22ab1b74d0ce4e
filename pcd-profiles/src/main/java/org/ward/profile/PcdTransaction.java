package org.ward.profile;

import java.util.Arrays;
import java.util.Optional;

/**
 * The IHE PCD transactions Ward recognises (IHE PCD TF-2, HL7 v2.6), each with the MSH-9 message
 * code and trigger event that carry it. Which MSH-21 profile OIDs identify a transaction is
 * configuration ({@code pcd-profiles:} in ward.yaml), because the OIDs seen in the field disagree.
 */
public enum PcdTransaction {
    /** TF-2 §3.1: Device Observation Reporter → Consumer. */
    PCD_01("PCD-01", "Communicate PCD Data", "ORU", "R01", "ORU_R01"),
    /** TF-2 §3.3: Infusion Order Programmer → Consumer (pump); answered by RRG^O16. */
    PCD_03("PCD-03", "Communicate Infusion Order", "RGV", "O15", "RGV_O15"),
    /** TF-2 §3.4: Alert Reporter → Alert Manager. */
    PCD_04("PCD-04", "Report Alert", "ORU", "R40", "ORU_R40"),
    /** TF-2 §3.5: Alert Communicator → Alert Manager. */
    PCD_05("PCD-05", "Report Alert Status", "ORA", "R41", "ORA_R41"),
    /** TF-2 §3.10 and §M.1.1: Infusion Pump Event Reporter → Consumer; the TF writes MSH-9 as ORU^R42^ORU_R01. */
    PCD_10("PCD-10", "Communicate Infusion Event Data", "ORU", "R42", "ORU_R01");

    private final String id;
    private final String title;
    private final String messageCode;
    private final String triggerEvent;
    private final String messageStructure;

    PcdTransaction(String id, String title, String messageCode, String triggerEvent, String messageStructure) {
        this.id = id;
        this.title = title;
        this.messageCode = messageCode;
        this.triggerEvent = triggerEvent;
        this.messageStructure = messageStructure;
    }

    /** The IHE name, e.g. {@code PCD-01}, as used in configuration and audit records. */
    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    /** MSH-9.1, e.g. {@code ORU}. */
    public String messageCode() {
        return messageCode;
    }

    /** MSH-9.2, e.g. {@code R01}. */
    public String triggerEvent() {
        return triggerEvent;
    }

    /** MSH-9.3 as the TF writes it, e.g. {@code ORU_R01}. */
    public String messageStructure() {
        return messageStructure;
    }

    public static Optional<PcdTransaction> ofId(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
