package org.ward.ack;

import ca.uhn.hl7v2.AcknowledgmentCode;

/**
 * What Ward decided about an inbound message, independent of how the sender asked to be told.
 * Each outcome maps to one original/application code and one accept (commit) code
 * (HL7 v2.6 §2.9.2-2.9.3, table 0008).
 */
public enum ProcessingOutcome {
    /** Taken: AA / CA. Warnings may accompany it. */
    ACCEPTED(AcknowledgmentCode.AA, AcknowledgmentCode.CA),
    /** Content errors (profile validation): AE / CE. */
    ERROR(AcknowledgmentCode.AE, AcknowledgmentCode.CE),
    /** Not processed: unreadable, unsupported type, event, version or profile, access refused: AR / CR. */
    REJECTED(AcknowledgmentCode.AR, AcknowledgmentCode.CR);

    private final AcknowledgmentCode application;
    private final AcknowledgmentCode accept;

    ProcessingOutcome(AcknowledgmentCode application, AcknowledgmentCode accept) {
        this.application = application;
        this.accept = accept;
    }

    /** MSA-1 in original mode and in an enhanced-mode application ACK. */
    public AcknowledgmentCode applicationCode() {
        return application;
    }

    /** MSA-1 in an enhanced-mode accept ACK. */
    public AcknowledgmentCode acceptCode() {
        return accept;
    }

    public boolean isSuccess() {
        return this == ACCEPTED;
    }
}
