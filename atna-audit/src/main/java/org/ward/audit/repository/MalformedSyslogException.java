package org.ward.audit.repository;

/**
 * A SYSLOG-MSG that does not follow RFC 5424 §6. The message names the field and the byte offset,
 * never the content (it may hold PHI).
 */
public final class MalformedSyslogException extends Exception {

    private static final long serialVersionUID = 1L;

    public MalformedSyslogException(String message) {
        super(message);
    }
}
