package org.ward.mllp;

import java.util.Objects;

/**
 * A broken MLLP framing rule, fired as a user event down the pipeline just before the decoder
 * closes the connection, so that logging and auditing handlers can react. Carries no payload
 * bytes: frames may hold PHI.
 *
 * @param kind   which rule was broken
 * @param detail operator-facing text naming the limit or the offending byte, never payload
 */
public record FramingViolation(Kind kind, String detail) {

    public enum Kind {
        /** Payload grew past {@code max-frame-bytes}. */
        FRAME_TOO_LONG,
        /** A byte other than the start block arrived between frames. */
        BYTE_OUTSIDE_FRAME,
        /** A start block arrived inside a frame: the previous end block was lost. */
        START_BLOCK_INSIDE_FRAME,
        /** The end block was not followed by a carriage return. */
        MISSING_CARRIAGE_RETURN,
        /** The peer closed the connection in the middle of a frame. */
        TRUNCATED_FRAME
    }

    public FramingViolation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }
}
