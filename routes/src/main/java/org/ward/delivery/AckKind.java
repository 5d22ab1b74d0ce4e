package org.ward.delivery;

import ca.uhn.hl7v2.AcknowledgmentCode;

/**
 * Which acknowledgement a destination must send before a message counts as delivered
 * (HL7 v2.6 §2.9.2 original mode, §2.9.3 enhanced mode; MSA-1 codes from table 0008).
 */
public enum AckKind {
    /**
     * The accept (commit) acknowledgement: CA, CE or CR. A receiver in original mode answers with
     * AA/AE/AR instead, which say at least as much, so they count the same.
     */
    COMMIT,
    /**
     * The application acknowledgement: AA, AE or AR. An enhanced-mode CA before it only says the
     * receiver has stored the message, so the wait for the application acknowledgement goes on.
     */
    APPLICATION;

    /** What an acknowledgement with MSA-1 {@code code} means for the message it answers. */
    public Disposition dispose(AcknowledgmentCode code) {
        return switch (code) {
            case AA -> Disposition.ACCEPTED;
            case CA -> this == COMMIT ? Disposition.ACCEPTED : Disposition.AWAIT_APPLICATION_ACK;
            // §2.9.2: AE/CE is an error the receiver may recover from; the message is sent again.
            case AE, CE -> Disposition.RETRY;
            // AR/CR: the receiver will not take this message; sending it again would block the line.
            case AR, CR -> Disposition.REJECTED;
        };
    }

    /** The meaning of one acknowledgement for delivery. */
    public enum Disposition {
        /** Delivered: mark it and go on with the next message. */
        ACCEPTED,
        /** Not taken this time: send the same message again after a back-off. */
        RETRY,
        /** Refused for good: dead-letter it and go on with the next message. */
        REJECTED,
        /** A CA under {@link #APPLICATION}: keep waiting for AA/AE/AR on the same connection. */
        AWAIT_APPLICATION_ACK
    }
}
