package org.ward.audit.event;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.ward.audit.AuditContext;
import org.ward.audit.codes.EventAction;
import org.ward.audit.codes.EventId;
import org.ward.audit.codes.EventOutcome;
import org.ward.audit.codes.EventTypeCode;
import org.ward.audit.model.ActiveParticipant;
import org.ward.audit.model.CodedValue;
import org.ward.audit.model.NetworkAccessPoint;

/**
 * Administrative changes to security, recorded as an informative Security Alert (110113,
 * DICOM PS3.15 A.5.3.11, outcome success by default): who changed it (a person or a local
 * process such as the {@code ward} CLI), this node as reporter, and what changed as Alert
 * Subjects with an "Alert Description". The event types 110129, 110136 and 110137 belong to
 * DICOM CID 401, which A.5.3.11 uses; Application Activity (A.5.3.1) allows only start and stop.
 *
 * @param <B> the concrete builder
 */
public abstract class SecurityAdministrationBuilder<B extends SecurityAdministrationBuilder<B>>
        extends AuditEventBuilder<B> {

    private final EventTypeCode type;
    private ActiveParticipant actor;

    SecurityAdministrationBuilder(AuditContext context, Clock clock, EventTypeCode type) {
        super(context, clock, EventOutcome.SUCCESS);
        this.type = type;
    }

    /** The person who made the change, e.g. a Kerberos principal through the HTTP API. */
    public B changedBy(String principal, String userName, NetworkAccessPoint from) {
        actor = person(principal, userName, from);
        return self();
    }

    /** The local process that made the change, e.g. {@code "ward pki revoke"}, and the OS user that ran it. */
    public B changedByProcess(String processName, String osUser) {
        actor = process(processName, osUser);
        return self();
    }

    @Override
    final EventId eventId() {
        return EventId.SECURITY_ALERT;
    }

    @Override
    final EventAction action() {
        return EventAction.EXECUTE;
    }

    @Override
    final List<CodedValue> eventTypes() {
        return List.of(type.value());
    }

    @Override
    void validate() {
        require(actor != null, "a security change needs who made it (changedBy or changedByProcess)");
        require(!objects.isEmpty(), "a security change needs what changed");
    }

    @Override
    final List<ActiveParticipant> activeParticipants() {
        List<ActiveParticipant> all = new ArrayList<>();
        all.add(actor);
        all.add(wardNode(false));
        return all;
    }
}
