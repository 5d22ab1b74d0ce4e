/**
 * DICOM PS3.15 A.5 XML for audit records: {@link org.ward.audit.marshal.DicomAuditXml} writes
 * them with StAX, {@link org.ward.audit.marshal.DicomAuditSchema} checks bytes against
 * {@code dicom2017c.xsd}, the schema IHE ITI-20 and the IPF reference implementation use.
 */
package org.ward.audit.marshal;
