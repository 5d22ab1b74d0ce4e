/**
 * ITI-20 Record Audit Event transport: RFC 5424 messages ({@link org.ward.audit.syslog.Rfc5424Formatter}),
 * RFC 5425 octet-counted framing ({@link org.ward.audit.syslog.Rfc5425Framer}) over mutual TLS
 * ({@link org.ward.audit.syslog.SyslogTlsSender}), and the {@link org.ward.audit.syslog.AuditForwarder}
 * that drains the durable spool to it.
 *
 * <p>Delivery is at-least-once: RFC 5425 has no acknowledgement, so a record is released from the
 * spool only after its write completed and the connection stayed healthy for a settle interval;
 * records in that window when a connection drops are sent again and counted as resent.
 */
package org.ward.audit.syslog;
