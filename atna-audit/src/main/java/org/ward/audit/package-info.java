/**
 * ATNA audit trail (IHE ITI-20): one builder per DICOM audit event, DICOM PS3.15 A.5 XML
 * marshalling, RFC 5424/5425 syslog-over-TLS transport with a durable spool, and Ward's own
 * audit repository. Other modules emit events through the small {@code AuditSink} interface
 * that lives here. Not yet implemented: see the ATNA audit issue.
 */
package org.ward.audit;
