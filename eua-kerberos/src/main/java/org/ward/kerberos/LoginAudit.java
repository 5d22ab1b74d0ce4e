package org.ward.kerberos;

import java.net.InetAddress;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.ward.audit.AuditContext;
import org.ward.audit.AuditSink;
import org.ward.audit.codes.EventOutcome;
import org.ward.audit.codes.EventTypeCode;
import org.ward.audit.codes.ParticipantObjectIdType;
import org.ward.audit.event.SecurityAlertBuilder;
import org.ward.audit.event.UserAuthenticationBuilder;
import org.ward.audit.model.NetworkAccessPoint;

/**
 * The audit records of people logging in and out (ITI-4 §3.4.4.3 via ITI-20): User Authentication
 * 110114 / Login 110122 for each new session and each failure, 110114 / Logout 110123 when a
 * session ends, a Security Alert 110113 / Authentication Decision 110143 when one address fails
 * beyond the {@link FailureThreshold}, and an Access Control Decision 110147 when an
 * authenticated person lacks the role for a path.
 */
public final class LoginAudit {

    private final AuditSink sink;
    private final AuditContext context;
    private final Clock clock;
    private final FailureThreshold threshold;
    private final String service;

    /**
     * @param service the service principal people log in to, named as the alert subject
     */
    public LoginAudit(AuditSink sink, AuditContext context, Clock clock, FailureThreshold threshold,
                      ServicePrincipal service) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.context = Objects.requireNonNull(context, "context");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.threshold = Objects.requireNonNull(threshold, "threshold");
        this.service = service.toString();
    }

    /** A new session: 110114, E, 110122 Login, outcome 0, UserName = the principal. */
    public void loggedIn(String principal, InetAddress client) {
        sink.emit(UserAuthenticationBuilder.login(context, clock)
                .user(principal, principal, NetworkAccessPoint.ipAddress(client))
                .build());
    }

    /** A session ended: 110114, 110123 Logout, with why ("logout", "session expired", "account disabled"). */
    public void loggedOut(String principal, InetAddress client, String why) {
        sink.emit(UserAuthenticationBuilder.logout(context, clock)
                .user(principal, principal, NetworkAccessPoint.ipAddress(client))
                .outcome(EventOutcome.SUCCESS, why)
                .build());
    }

    /**
     * A failed login: 110114 / 110122 with the failure's outcome (4 or 8). The user is the
     * principal named in the ticket if it could be read, else the client's address (before
     * authentication there is no better identity).
     */
    public void failed(KerberosFailure failure, Optional<String> claimed, InetAddress client) {
        NetworkAccessPoint from = NetworkAccessPoint.ipAddress(client);
        sink.emit(UserAuthenticationBuilder.login(context, clock)
                .user(claimed.orElse(from.id()), claimed.orElse(null), from)
                .outcome(failure.outcome(), failure.description())
                .build());
        if (failure.countsTowardAlert() && threshold.failed(client, clock.instant())) {
            sink.emit(SecurityAlertBuilder.alert(context, clock, EventTypeCode.AUTHENTICATION_DECISION)
                    .peer(from, true)
                    .alertSubject(service, ParticipantObjectIdType.URI,
                            "more than " + threshold.maxFailures() + " failed Kerberos logins from " + from.id()
                                    + " within " + threshold.window())
                    .outcome(EventOutcome.MINOR_FAILURE, "repeated authentication failures")
                    .build());
        }
    }

    /** An authenticated person asked for a path their roles do not open: 110113 / 110147. */
    public void accessDenied(String principal, InetAddress client, String path) {
        sink.emit(SecurityAlertBuilder.accessControlDecision(context, clock)
                .performingUser(principal, principal, NetworkAccessPoint.ipAddress(client))
                .alertSubject(path, ParticipantObjectIdType.URI, "no role of the user opens this path")
                .build());
    }
}
