/**
 * The audit record, DICOM PS3.15 A.5.1 {@code AuditMessage}, as immutable records that check
 * themselves: required attributes present, optional ones absent rather than empty. The records
 * mirror the 2017c schema ({@code marshal/dicom2017c.xsd}) one element or attribute group each.
 */
package org.ward.audit.model;
