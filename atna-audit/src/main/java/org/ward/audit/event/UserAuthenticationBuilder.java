package org.ward.audit.event;

import java.time.Clock;
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
 * User Authentication (110114), DICOM PS3.15 A.5.3.12: a person logged in (110122) or out
 * (110123) of the HTTP API or console, successfully or not (EUA, ITI-4). The user is the
 * requestor; this Ward node, which authenticated them, is added from the {@link AuditContext}.
 * A failed login has outcome {@link EventOutcome#MINOR_FAILURE} and the user as claimed.
 *
 * <pre>{@code
 * UserAuthenticationBuilder.login(context, clock)
 *         .user("alice@EXAMPLE.ORG", null, NetworkAccessPoint.ipAddress(client))
 *         .outcome(EventOutcome.MINOR_FAILURE, "Kerberos ticket rejected")
 *         .build();
 * }</pre>
 */
public final class UserAuthenticationBuilder extends AuditEventBuilder<UserAuthenticationBuilder> {

    private final EventTypeCode type;
    private ActiveParticipant user;

    private UserAuthenticationBuilder(AuditContext context, Clock clock, EventTypeCode type) {
        super(context, clock, EventOutcome.SUCCESS);
        this.type = type;
    }

    public static UserAuthenticationBuilder login(AuditContext context, Clock clock) {
        return new UserAuthenticationBuilder(context, clock, EventTypeCode.LOGIN);
    }

    public static UserAuthenticationBuilder logout(AuditContext context, Clock clock) {
        return new UserAuthenticationBuilder(context, clock, EventTypeCode.LOGOUT);
    }

    /** The person, e.g. the Kerberos principal {@code alice@EXAMPLE.ORG}, and the client's address. */
    public UserAuthenticationBuilder user(String principal, String userName, NetworkAccessPoint client) {
        user = person(principal, userName, client);
        return this;
    }

    @Override
    EventId eventId() {
        return EventId.USER_AUTHENTICATION;
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
        require(user != null, "User Authentication needs the user");
    }

    @Override
    List<ActiveParticipant> activeParticipants() {
        return List.of(user, wardNode(false));
    }
}
