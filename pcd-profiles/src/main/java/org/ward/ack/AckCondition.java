package org.ward.ack;

import java.util.Arrays;
import java.util.Optional;

/**
 * HL7 table 0155 (accept/application acknowledgment conditions, MSH-15 and MSH-16,
 * HL7 v2.6 §2.15.9.15-16): when the receiver must send that kind of acknowledgment.
 */
public enum AckCondition {
    /** Always. */
    AL,
    /** Never. */
    NE,
    /** Only on error or reject. */
    ER,
    /** Only on successful completion. */
    SU;

    public static Optional<AckCondition> of(String code) {
        return Arrays.stream(values()).filter(c -> c.name().equals(code)).findFirst();
    }

    /** Whether an acknowledgment reporting {@code success} (CA/AA) or not (CE, CR, AE, AR) is due. */
    boolean requires(boolean success) {
        return switch (this) {
            case AL -> true;
            case NE -> false;
            case ER -> !success;
            case SU -> success;
        };
    }
}
