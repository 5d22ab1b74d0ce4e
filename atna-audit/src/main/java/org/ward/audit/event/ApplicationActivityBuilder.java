package org.ward.audit.event;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.ward.audit.AuditContext;
import org.ward.audit.codes.EventAction;
import org.ward.audit.codes.EventId;
import org.ward.audit.codes.EventOutcome;
import org.ward.audit.codes.EventTypeCode;
import org.ward.audit.codes.RoleIdCode;
import org.ward.audit.model.ActiveParticipant;
import org.ward.audit.model.CodedValue;

/**
 * Application Activity (110100), DICOM PS3.15 A.5.3.1: Ward started (110120) or stopped
 * (110121). The application participant is this node (RoleIDCode 110150, from the
 * {@link AuditContext}); whoever launched or stopped it is optional (110151, requestor).
 *
 * <pre>{@code
 * ApplicationActivityBuilder.start(context, clock).launchedBy("wardsvc", null).build();
 * }</pre>
 */
public final class ApplicationActivityBuilder extends AuditEventBuilder<ApplicationActivityBuilder> {

    private final EventTypeCode type;

    private ApplicationActivityBuilder(AuditContext context, Clock clock, EventTypeCode type) {
        super(context, clock, EventOutcome.SUCCESS);
        this.type = type;
    }

    public static ApplicationActivityBuilder start(AuditContext context, Clock clock) {
        return new ApplicationActivityBuilder(context, clock, EventTypeCode.APPLICATION_START);
    }

    public static ApplicationActivityBuilder stop(AuditContext context, Clock clock) {
        return new ApplicationActivityBuilder(context, clock, EventTypeCode.APPLICATION_STOP);
    }

    /** The person or process that started or stopped Ward (110151 Application Launcher). */
    public ApplicationActivityBuilder launchedBy(String userId, String userName) {
        participants.add(new ActiveParticipant(userId, null, userName, true,
                List.of(RoleIdCode.APPLICATION_LAUNCHER.value()), null));
        return this;
    }

    @Override
    EventId eventId() {
        return EventId.APPLICATION_ACTIVITY;
    }

    @Override
    EventAction action() {
        return EventAction.EXECUTE;
    }

    @Override
    List<CodedValue> eventTypes() {
        return List.of(type.value());
    }

    @Override
    void validate() {
        // The application itself is always present; launchers are 0..n.
    }

    @Override
    List<ActiveParticipant> activeParticipants() {
        List<ActiveParticipant> all = new ArrayList<>();
        all.add(wardNode(false, RoleIdCode.APPLICATION));
        all.addAll(participants);
        return all;
    }
}
