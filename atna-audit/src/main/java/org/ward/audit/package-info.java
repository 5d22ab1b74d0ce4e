/**
 * ATNA audit trail (IHE ITI-20). Other modules emit records through {@link org.ward.audit.AuditSink}
 * and describe this node with {@link org.ward.audit.AuditContext}. The packages follow the audit
 * pipeline: {@code model} (DICOM PS3.15 A.5.1 records), {@code codes} (the vocabulary),
 * {@code event} (one builder per DICOM event), {@code marshal} (DICOM XML and the schema check),
 * then the syslog transport, spool and repository.
 */
package org.ward.audit;
