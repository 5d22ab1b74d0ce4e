package org.ward.audit.event;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.ward.audit.AuditContext;
import org.ward.audit.codes.EventAction;
import org.ward.audit.codes.EventId;
import org.ward.audit.codes.EventOutcome;
import org.ward.audit.codes.ParticipantObjectIdType;
import org.ward.audit.codes.ParticipantObjectRole;
import org.ward.audit.codes.ParticipantObjectType;
import org.ward.audit.model.ActiveParticipant;
import org.ward.audit.model.CodedValue;
import org.ward.audit.model.NetworkAccessPoint;
import org.ward.audit.model.ParticipantObjectIdentification;

/**
 * Audit Log Used (110101), DICOM PS3.15 A.5.3.2: someone read the audit trail (ARCHITECTURE.md:
 * reading the audit log is itself audited). EventActionCode R. The person and/or process that
 * read it (1..2; the person is the requestor when both are known), and the log as a participant
 * object: System (2), Security Resource (13), ID type URI (RFC-3881 12), name "Security Audit Log".
 *
 * <pre>{@code
 * AuditLogUsedBuilder.of(context, clock)
 *         .accessingPerson("auditor@EXAMPLE.ORG", null, NetworkAccessPoint.ipAddress(client))
 *         .auditLog("https://ward.example.org:8443/audit")
 *         .build();
 * }</pre>
 */
public final class AuditLogUsedBuilder extends AuditEventBuilder<AuditLogUsedBuilder> {

    private ActiveParticipant person;
    private String processName;
    private String osUser;
    private String auditLogUri;

    private AuditLogUsedBuilder(AuditContext context, Clock clock) {
        super(context, clock, EventOutcome.SUCCESS);
    }

    public static AuditLogUsedBuilder of(AuditContext context, Clock clock) {
        return new AuditLogUsedBuilder(context, clock);
    }

    /** The person reading, e.g. through the HTTP API; the requestor. */
    public AuditLogUsedBuilder accessingPerson(String principal, String userName, NetworkAccessPoint client) {
        person = person(principal, userName, client);
        return this;
    }

    /** The process reading, e.g. {@code "ward audit query"} run by OS user {@code osUser} (may be null). */
    public AuditLogUsedBuilder accessingProcess(String processName, String osUser) {
        this.processName = processName;
        this.osUser = osUser;
        return this;
    }

    /** The audit log read, as a URI. */
    public AuditLogUsedBuilder auditLog(String uri) {
        this.auditLogUri = uri;
        return this;
    }

    @Override
    EventId eventId() {
        return EventId.AUDIT_LOG_USED;
    }

    @Override
    EventAction action() {
        return EventAction.READ;
    }

    @Override
    List<CodedValue> eventTypes() {
        return List.of();
    }

    @Override
    void validate() {
        require(person != null || processName != null, "Audit Log Used needs the accessing person or process");
        require(auditLogUri != null && !auditLogUri.isBlank(), "Audit Log Used needs the audit log URI");
    }

    @Override
    List<ActiveParticipant> activeParticipants() {
        List<ActiveParticipant> all = new ArrayList<>();
        if (person != null) {
            all.add(person);
        }
        if (processName != null) {
            ActiveParticipant process = process(processName, osUser);
            // DICOM A.5.3.2: both are included when known; only one is the requestor.
            all.add(new ActiveParticipant(process.userId(), null, process.userName(), person == null,
                    List.of(), process.networkAccessPoint()));
        }
        return all;
    }

    @Override
    List<ParticipantObjectIdentification> participantObjects() {
        return List.of(new ParticipantObjectIdentification(auditLogUri, ParticipantObjectType.SYSTEM_OBJECT,
                ParticipantObjectRole.SECURITY_RESOURCE, null, ParticipantObjectIdType.URI.value(), null,
                "Security Audit Log", null, List.of()));
    }
}
