/**
 * The audit vocabulary as enums, each carrying its wire value and the spec that defines it:
 * DICOM PS3.16 CID 400 (event ID), 401 (event type), 402 (participant role), 404 (object ID
 * type) and the enumerated attributes of DICOM PS3.15 A.5.1. Open code systems (IHE transactions,
 * purpose of use) are built with {@link org.ward.audit.model.CodedValue#of}.
 */
package org.ward.audit.codes;
