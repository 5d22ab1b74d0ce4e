package org.ward.audit.spool;

import java.io.IOException;

/** An append was refused because it would exceed the spool's disk cap. Nothing was stored. */
public final class SpoolFullException extends IOException {

    private static final long serialVersionUID = 1L;

    private final long usedBytes;
    private final long capBytes;

    public SpoolFullException(long usedBytes, long capBytes, int recordBytes) {
        super("audit spool full: " + usedBytes + " of " + capBytes + " bytes used, record of "
                + recordBytes + " bytes refused (audit.spool.cap-bytes)");
        this.usedBytes = usedBytes;
        this.capBytes = capBytes;
    }

    public long usedBytes() {
        return usedBytes;
    }

    public long capBytes() {
        return capBytes;
    }
}
