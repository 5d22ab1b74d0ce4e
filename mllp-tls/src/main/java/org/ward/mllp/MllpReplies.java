package org.ward.mllp;

import java.util.List;

/**
 * Several payloads to send back-to-back, each in its own MLLP block: an enhanced-mode accept ACK
 * followed by the application ACK on the same connection (HL7 v2.6 §2.9.3).
 */
public record MllpReplies(List<byte[]> payloads) {

    public MllpReplies {
        payloads = List.copyOf(payloads);
    }
}
