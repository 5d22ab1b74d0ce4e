package org.ward.audit.event;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.ward.audit.AuditContext;
import org.ward.audit.codes.EventAction;
import org.ward.audit.codes.EventId;
import org.ward.audit.codes.EventOutcome;
import org.ward.audit.codes.ParticipantObjectIdType;
import org.ward.audit.codes.ParticipantObjectRole;
import org.ward.audit.codes.ParticipantObjectType;
import org.ward.audit.codes.RoleIdCode;
import org.ward.audit.model.ActiveParticipant;
import org.ward.audit.model.AuditMessage;
import org.ward.audit.model.CodedValue;
import org.ward.audit.model.EventIdentification;
import org.ward.audit.model.NetworkAccessPoint;
import org.ward.audit.model.ParticipantObjectDetail;
import org.ward.audit.model.ParticipantObjectIdentification;

/**
 * What every event builder shares: the node's {@link AuditContext}, the clock, the outcome and
 * purposes of use, and {@link #build()}, which checks the event's required parts (each subclass
 * names them after its DICOM PS3.15 A.5.3 table) and stamps {@code EventDateTime} from the clock,
 * in UTC truncated to milliseconds. Only the builders of this package extend it.
 *
 * @param <B> the concrete builder, returned by the fluent setters
 */
public abstract class AuditEventBuilder<B extends AuditEventBuilder<B>> {

    /** DICOM PS3.15 A.5.3.11: the free-text nature of an alert, as an Alert Subject detail. */
    static final String ALERT_DESCRIPTION = "Alert Description";

    final AuditContext context;
    private final Clock clock;
    private EventOutcome outcome;
    private String outcomeDescription;
    private final List<CodedValue> purposesOfUse = new ArrayList<>();
    final List<ActiveParticipant> participants = new ArrayList<>();
    final List<ParticipantObjectIdentification> objects = new ArrayList<>();

    AuditEventBuilder(AuditContext context, Clock clock, EventOutcome defaultOutcome) {
        this.context = Objects.requireNonNull(context, "context");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.outcome = defaultOutcome;
    }

    /** {@code EventOutcomeIndicator}, keeping any description already set. */
    public B outcome(EventOutcome outcome) {
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        return self();
    }

    /**
     * {@code EventOutcomeIndicator} and {@code EventOutcomeDescription}. The description is free
     * text that auditors read; it must not carry PHI (say "PID-3 missing", not the value).
     */
    public B outcome(EventOutcome outcome, String description) {
        this.outcomeDescription = description;
        return outcome(outcome);
    }

    /** Adds a {@code PurposeOfUse} (ITI TF-2 §3.20.7.8). */
    public B purposeOfUse(CodedValue purpose) {
        purposesOfUse.add(Objects.requireNonNull(purpose, "purpose"));
        return self();
    }

    /**
     * The record.
     *
     * @throws IllegalStateException if a part the DICOM event requires is missing
     */
    public final AuditMessage build() {
        validate();
        EventIdentification event = new EventIdentification(eventId().value(), action(),
                clock.instant().truncatedTo(ChronoUnit.MILLIS), outcome, outcomeDescription,
                eventTypes(), purposesOfUse);
        return new AuditMessage(event, activeParticipants(), context.sourceIdentification(),
                participantObjects());
    }

    /** The participants as they go into the record; a builder that derives some overrides this. */
    List<ActiveParticipant> activeParticipants() {
        return participants;
    }

    /** The participant objects as they go into the record; a builder that derives some overrides this. */
    List<ParticipantObjectIdentification> participantObjects() {
        return objects;
    }

    abstract EventId eventId();

    abstract EventAction action();

    abstract List<CodedValue> eventTypes();

    /** Throws {@link IllegalStateException} naming the first missing part. */
    abstract void validate();

    @SuppressWarnings("unchecked")
    final B self() {
        return (B) this;
    }

    // ---- parts several events share ----

    /** This Ward node as a participant: {@code UserID} = AuditSourceID, the node's own address. */
    final ActiveParticipant wardNode(boolean requestor, RoleIdCode... roles) {
        return new ActiveParticipant(context.auditSourceId(), null, null, requestor,
                codes(roles), context.localNode());
    }

    /** A person, e.g. {@code alice@EXAMPLE.ORG} from Kerberos (EUA), as the requestor. */
    static ActiveParticipant person(String userId, String userName, NetworkAccessPoint from) {
        return new ActiveParticipant(userId, null, userName, true, List.of(), from);
    }

    /**
     * A local process acting without a person, e.g. the {@code ward pki} CLI: {@code UserID} is the
     * process, {@code UserName} the operating-system account that ran it.
     */
    final ActiveParticipant process(String processName, String osUser) {
        return new ActiveParticipant(processName, null, osUser, true, List.of(), context.localNode());
    }

    /** A security object such as a configuration file or key store, with what happened to it. */
    static ParticipantObjectIdentification securityResource(String id, ParticipantObjectIdType idType,
                                                            String description,
                                                            ParticipantObjectDetail... more) {
        List<ParticipantObjectDetail> details = new ArrayList<>(List.of(more));
        if (description != null) {
            details.add(ParticipantObjectDetail.text(ALERT_DESCRIPTION, description));
        }
        return new ParticipantObjectIdentification(id, ParticipantObjectType.SYSTEM_OBJECT,
                ParticipantObjectRole.SECURITY_RESOURCE, null, idType.value(), null, null, null, details);
    }

    /**
     * A certificate as a participant object: {@code ParticipantObjectID} = subject DN, ID type
     * Node ID (110182, the certificate names a node), detail {@code "Certificate Serial"} = the
     * serial in hex, so an auditor can find every record about one certificate.
     */
    static ParticipantObjectIdentification certificateObject(String subjectDn, String serialHex, String description) {
        Objects.requireNonNull(serialHex, "serialHex");
        return securityResource(subjectDn, ParticipantObjectIdType.NODE_ID, description,
                ParticipantObjectDetail.text("Certificate Serial", serialHex));
    }

    /** A user account as the object of a user-management event (role 11 Security User Entity). */
    static ParticipantObjectIdentification userAccount(String principal, String description) {
        List<ParticipantObjectDetail> details = description == null ? List.of()
                : List.of(ParticipantObjectDetail.text(ALERT_DESCRIPTION, description));
        return new ParticipantObjectIdentification(principal, ParticipantObjectType.PERSON,
                ParticipantObjectRole.SECURITY_USER_ENTITY, null,
                ParticipantObjectIdType.USER_IDENTIFIER.value(), null, null, null, details);
    }

    static List<CodedValue> codes(RoleIdCode... roles) {
        return Arrays.stream(roles).map(RoleIdCode::value).toList();
    }

    static void require(boolean condition, String missing) {
        if (!condition) {
            throw new IllegalStateException(missing);
        }
    }

}
