package org.ward.audit;

import java.util.List;
import java.util.Objects;
import org.ward.audit.codes.AuditSourceType;
import org.ward.audit.model.AuditSourceIdentification;
import org.ward.audit.model.NetworkAccessPoint;

/**
 * Who this Ward node is, for every record it writes: the {@code AuditSourceIdentification}
 * (DICOM PS3.15 A.5.1) and the node's own network access point for the participants that stand
 * for Ward itself. Built once from configuration and handed to the event builders.
 *
 * @param auditSourceId    {@code AuditSourceID}, e.g. {@code "ward@icu-gw-1"}; also the
 *                         {@code UserID} of participants that stand for this Ward node
 * @param enterpriseSiteId {@code AuditEnterpriseSiteID}, or null
 * @param sourceType       {@code AuditSourceTypeCode}
 * @param localNode        this node's network access point, or null when unknown
 */
public record AuditContext(String auditSourceId, String enterpriseSiteId, AuditSourceType sourceType,
                           NetworkAccessPoint localNode) {

    public AuditContext {
        Objects.requireNonNull(auditSourceId, "auditSourceId");
        if (auditSourceId.isBlank()) {
            throw new IllegalArgumentException("auditSourceId must not be blank");
        }
        if (enterpriseSiteId != null && enterpriseSiteId.isBlank()) {
            throw new IllegalArgumentException("enterpriseSiteId must be absent (null) or not blank");
        }
        Objects.requireNonNull(sourceType, "sourceType");
    }

    /** A Ward node: source type 4, "Application Server process or thread". */
    public static AuditContext applicationServer(String auditSourceId, String enterpriseSiteId,
                                                 NetworkAccessPoint localNode) {
        return new AuditContext(auditSourceId, enterpriseSiteId, AuditSourceType.APPLICATION_SERVER, localNode);
    }

    public AuditSourceIdentification sourceIdentification() {
        return new AuditSourceIdentification(auditSourceId, enterpriseSiteId, List.of(sourceType.value()));
    }
}
