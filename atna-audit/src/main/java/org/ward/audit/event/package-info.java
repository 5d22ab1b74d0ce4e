/**
 * One builder per DICOM PS3.15 A.5.3 audit event, named as DICOM names it. Each takes the
 * node's {@link org.ward.audit.AuditContext} and a {@link java.time.Clock}, fills the fixed codes
 * of its event, checks in {@code build()} that the parts its DICOM table requires are there, and
 * returns an immutable {@link org.ward.audit.model.AuditMessage}. Free-text descriptions and
 * outcome descriptions are read by auditors and must not carry PHI; patient identifiers go only
 * into participant objects, never into logs.
 */
package org.ward.audit.event;
