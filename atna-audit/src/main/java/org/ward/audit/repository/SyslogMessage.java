package org.ward.audit.repository;

import java.util.Objects;

/**
 * The parsed RFC 5424 header of one SYSLOG-MSG; MSG stays in the frame, at {@link #msgOffset}.
 * NILVALUE fields are null.
 *
 * @param structuredData the STRUCTURED-DATA text as received, null for "-"
 * @param msgOffset where MSG starts in the frame, after the BOM if there is one; the frame length
 *     when there is no MSG
 * @param bom whether MSG started with the UTF-8 BOM (RFC 5424 §6.4)
 */
public record SyslogMessage(int priority, int version, String timestamp, String hostname, String appName,
                            String procId, String msgId, String structuredData, int msgOffset, boolean bom) {

    public SyslogMessage {
        if (priority < 0 || priority > 191) {
            throw new IllegalArgumentException("PRIVAL must be 0 to 191, was " + priority);
        }
        if (version < 1 || version > 999) {
            throw new IllegalArgumentException("VERSION must be 1 to 999, was " + version);
        }
        if (msgOffset < 0) {
            throw new IllegalArgumentException("msgOffset must not be negative");
        }
    }

    /** RFC 5424 §6.2.1: PRIVAL = facility × 8 + severity. */
    public int facility() {
        return priority / 8;
    }

    public int severity() {
        return priority % 8;
    }

    @Override
    public String toString() {
        return "SyslogMessage[<" + priority + ">" + version + " " + Objects.toString(timestamp, "-") + " "
                + Objects.toString(hostname, "-") + " " + Objects.toString(appName, "-") + " "
                + Objects.toString(procId, "-") + " " + Objects.toString(msgId, "-") + "]";
    }
}
