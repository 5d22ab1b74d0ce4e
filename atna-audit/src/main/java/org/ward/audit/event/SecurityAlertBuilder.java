package org.ward.audit.event;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ward.audit.AuditContext;
import org.ward.audit.codes.EventAction;
import org.ward.audit.codes.EventId;
import org.ward.audit.codes.EventOutcome;
import org.ward.audit.codes.EventTypeCode;
import org.ward.audit.codes.ParticipantObjectIdType;
import org.ward.audit.model.ActiveParticipant;
import org.ward.audit.model.CodedValue;
import org.ward.audit.model.NetworkAccessPoint;
import org.ward.audit.model.ParticipantObjectDetail;

/**
 * Security Alert (110113), DICOM PS3.15 A.5.3.11, EventActionCode E. This Ward node is the
 * reporting participant (from the {@link AuditContext}); the peer or user that caused the alert
 * is the performing participant; what the alert is about (a node, a certificate, a resource) is
 * an Alert Subject: System (2), Security Resource (13), with an "Alert Description" detail.
 * Failures default to {@link EventOutcome#MINOR_FAILURE}: the mitigation (refusing the connection
 * or message) worked (A.5.3.11).
 *
 * <pre>{@code
 * SecurityAlertBuilder.nodeAuthentication(context, clock)
 *         .peer(NetworkAccessPoint.ipAddress(remote), true)
 *         .presentedCertificate(subjectDn, serialHex)   // when the peer presented one
 *         .outcome(EventOutcome.MINOR_FAILURE, "certificate revoked")
 *         .build();
 * }</pre>
 */
public final class SecurityAlertBuilder extends AuditEventBuilder<SecurityAlertBuilder> {

    /** Which alert, and what it must name. */
    private enum Kind { NODE_AUTHENTICATION, ACCESS_CONTROL, DEVICE_MISMATCH, GENERIC }

    private final EventTypeCode type;
    private final Kind kind;
    private ActiveParticipant performer;

    private SecurityAlertBuilder(AuditContext context, Clock clock, EventTypeCode type, Kind kind,
                                 EventOutcome defaultOutcome) {
        super(context, clock, defaultOutcome);
        this.type = type;
        this.kind = kind;
    }

    /**
     * A failed TLS handshake or certificate check (110126 Node Authentication). Needs the
     * {@link #peer}; add {@link #presentedCertificate} when the peer presented one.
     */
    public static SecurityAlertBuilder nodeAuthentication(AuditContext context, Clock clock) {
        return new SecurityAlertBuilder(context, clock, EventTypeCode.NODE_AUTHENTICATION,
                Kind.NODE_AUTHENTICATION, EventOutcome.MINOR_FAILURE);
    }

    /**
     * A policy decision worth recording, usually a denial (110147 Access Control Decision).
     * Needs the performer ({@link #peer} or {@link #performingUser}) and the resource
     * ({@link #alertSubject}). Set {@link EventOutcome#SUCCESS} to record a grant.
     */
    public static SecurityAlertBuilder accessControlDecision(AuditContext context, Clock clock) {
        return new SecurityAlertBuilder(context, clock, EventTypeCode.ACCESS_CONTROL_DECISION,
                Kind.ACCESS_CONTROL, EventOutcome.MINOR_FAILURE);
    }

    /**
     * The device EUI-64 in a message (MSH-3 / OBX-18) does not match the certificate the
     * connection authenticated with. Recorded as 110126 Node Authentication, because the node's
     * claimed identity failed to match its credential. Needs the {@link #peer}.
     *
     * @param certificateSubject subject DN of the authenticated certificate
     * @param certificateDevice  EUI-64 in the certificate, or null if it has none
     * @param claimedDevice      EUI-64 the message claims
     */
    public static SecurityAlertBuilder deviceIdentityMismatch(AuditContext context, Clock clock,
                                                              String certificateSubject,
                                                              String certificateDevice,
                                                              String claimedDevice) {
        SecurityAlertBuilder builder = new SecurityAlertBuilder(context, clock,
                EventTypeCode.NODE_AUTHENTICATION, Kind.DEVICE_MISMATCH, EventOutcome.MINOR_FAILURE);
        List<ParticipantObjectDetail> details = new ArrayList<>();
        if (certificateDevice != null) {
            details.add(ParticipantObjectDetail.text("Certificate Device ID", certificateDevice));
        }
        details.add(ParticipantObjectDetail.text("Claimed Device ID", Objects.requireNonNull(claimedDevice, "claimedDevice")));
        builder.objects.add(securityResource(certificateSubject, ParticipantObjectIdType.NODE_ID,
                "device identity in the message does not match the certificate",
                details.toArray(ParticipantObjectDetail[]::new)));
        return builder;
    }

    /** Any other alert of DICOM CID 401, e.g. {@link EventTypeCode#USE_OF_RESTRICTED_FUNCTION}. */
    public static SecurityAlertBuilder alert(AuditContext context, Clock clock, EventTypeCode type) {
        return new SecurityAlertBuilder(context, clock, Objects.requireNonNull(type, "type"), Kind.GENERIC,
                EventOutcome.MINOR_FAILURE);
    }

    /**
     * The remote node as performing participant: {@code UserID} and network access point are its
     * address (before authentication there is no better identity).
     *
     * @param peerInitiated whether the peer opened the connection (then it is the requestor)
     */
    public SecurityAlertBuilder peer(NetworkAccessPoint remote, boolean peerInitiated) {
        Objects.requireNonNull(remote, "remote");
        performer = new ActiveParticipant(remote.id(), null, null, peerInitiated, List.of(), remote);
        return this;
    }

    /** A person as performing participant, e.g. a user denied access to the console. */
    public SecurityAlertBuilder performingUser(String principal, String userName, NetworkAccessPoint from) {
        performer = person(principal, userName, from);
        return this;
    }

    /**
     * The certificate the peer presented, as Alert Subject: ID = subject DN, ID type Node ID
     * (110182), detail "Certificate Serial" (hex). Why it failed goes in the outcome description.
     */
    public SecurityAlertBuilder presentedCertificate(String subjectDn, String serialHex) {
        objects.add(certificateObject(subjectDn, serialHex, null));
        return this;
    }

    /**
     * An Alert Subject: a node ({@link ParticipantObjectIdType#NODE_ID}), a resource
     * ({@link ParticipantObjectIdType#URI}) or similar, with a free-text description (no PHI).
     */
    public SecurityAlertBuilder alertSubject(String id, ParticipantObjectIdType idType, String description) {
        objects.add(securityResource(id, idType, description));
        return this;
    }

    @Override
    EventId eventId() {
        return EventId.SECURITY_ALERT;
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
        switch (kind) {
            case NODE_AUTHENTICATION, DEVICE_MISMATCH ->
                    require(performer != null, "a node authentication alert needs the peer");
            case ACCESS_CONTROL -> {
                require(performer != null, "an access control decision needs the performer");
                require(!objects.isEmpty(), "an access control decision needs the resource (alert subject)");
            }
            case GENERIC -> { }
        }
    }

    @Override
    List<ActiveParticipant> activeParticipants() {
        List<ActiveParticipant> all = new ArrayList<>();
        // DICOM A.5.3.11: the reporting node is the requestor unless the performer is.
        boolean performerRequested = performer != null && performer.userIsRequestor();
        all.add(wardNode(!performerRequested));
        if (performer != null) {
            all.add(performer);
        }
        return all;
    }
}
