package org.ward.mllp;

/** The MLLP block characters (HL7 v2.5.1 Appendix C §C.2.1.1). */
public final class Mllp {
    /** Start block, vertical tab. */
    public static final byte START_BLOCK = 0x0B;
    /** End block, file separator. */
    public static final byte END_BLOCK = 0x1C;
    /** Carriage return that must follow the end block. */
    public static final byte CARRIAGE_RETURN = 0x0D;

    private Mllp() {
    }
}
