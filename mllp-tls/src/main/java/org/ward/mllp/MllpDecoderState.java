package org.ward.mllp;

/**
 * Where the decoder is within the MLLP block {@code <SB> payload <EB><CR>} (HL7 v2.5.1 Appendix C,
 * "MLLP Release 2", §C.2.1.1: SB = 0x0B, EB = 0x1C, CR = 0x0D).
 */
enum MllpDecoderState {
    /** Between frames: only a start block byte is allowed. */
    AWAIT_START_BLOCK,
    /** After the start block: payload bytes until the end block byte. */
    IN_FRAME,
    /** After the end block byte: only a carriage return completes the frame. */
    AWAIT_CARRIAGE_RETURN,
    /** A framing rule was broken; the connection is closing and further bytes are discarded. */
    CLOSED
}
