package org.ward.audit.model;

import java.util.List;

/**
 * {@code AuditSourceIdentification}, DICOM PS3.15 A.5.1: the node that wrote the record.
 *
 * @param auditSourceId    {@code AuditSourceID}, required
 * @param enterpriseSiteId {@code AuditEnterpriseSiteID}, or null
 * @param typeCodes        {@code AuditSourceTypeCode}s
 */
public record AuditSourceIdentification(String auditSourceId, String enterpriseSiteId,
                                        List<CodedValue> typeCodes) {

    public AuditSourceIdentification {
        Checks.requireText(auditSourceId, "AuditSourceID");
        Checks.optionalText(enterpriseSiteId, "AuditEnterpriseSiteID");
        typeCodes = List.copyOf(typeCodes);
    }
}
