package org.ward.audit.syslog;

import java.util.Objects;

/**
 * The HOSTNAME, APP-NAME and PROCID header fields of every message Ward sends, checked once.
 *
 * <p>RFC 5424 §6: each is the NILVALUE {@code -} or 1 to 255 / 48 / 128 PRINTUSASCII characters
 * (%d33-126, so no space). ITI-20 §3.20.4.1.2 asks for the sending machine's FQDN or IP address in
 * HOSTNAME and the application's name in APP-NAME.
 */
public record SyslogIdentity(String hostname, String appName, String procId) {

    public static final int MAX_HOSTNAME = 255;
    public static final int MAX_APP_NAME = 48;
    public static final int MAX_PROCID = 128;

    public SyslogIdentity {
        checkField("HOSTNAME", "hostname", hostname, MAX_HOSTNAME);
        checkField("APP-NAME", "app-name", appName, MAX_APP_NAME);
        checkField("PROCID", "proc-id", procId, MAX_PROCID);
    }

    /** The identity of this JVM: the given host and application, PROCID the process id. */
    public static SyslogIdentity ofCurrentProcess(String hostname, String appName) {
        return new SyslogIdentity(hostname, appName, Long.toString(ProcessHandle.current().pid()));
    }

    static void checkField(String field, String key, String value, int maxLength) {
        Objects.requireNonNull(value, () -> "syslog " + field + " is missing (" + key + ")");
        if (value.isEmpty() || value.length() > maxLength) {
            throw new IllegalArgumentException("syslog " + field + " must be 1 to " + maxLength
                    + " characters, was " + value.length() + " (" + key + ", RFC 5424 §6)");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 33 || c > 126) {
                throw new IllegalArgumentException("syslog " + field + " has a character outside PRINTUSASCII"
                        + " (%d33-126) at index " + i + " (" + key + ", RFC 5424 §6)");
            }
        }
    }
}
