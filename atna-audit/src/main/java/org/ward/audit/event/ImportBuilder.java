package org.ward.audit.event;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.ward.audit.AuditContext;
import org.ward.audit.codes.EventAction;
import org.ward.audit.codes.EventId;
import org.ward.audit.codes.EventOutcome;
import org.ward.audit.model.ActiveParticipant;
import org.ward.audit.model.CodedValue;
import org.ward.audit.model.NetworkAccessPoint;
import org.ward.audit.model.ParticipantObjectIdentification;

/**
 * Import (110107), DICOM PS3.15 A.5.3.5: Ward accepted an HL7 v2 message from a peer. One record
 * per patient (ITI-20); EventActionCode C; EventTypeCode the IHE transaction, e.g. PCD-01.
 *
 * <pre>{@code
 * AuditMessage m = ImportBuilder.of(context, clock, CodedValue.iheTransaction("PCD-01", "Communicate PCD Data"))
 *         .source(Hl7Application.of(msh3, msh4), NetworkAccessPoint.ipAddress(peerAddress))
 *         .destination(Hl7Application.of(msh5, msh6))
 *         .authenticatedPeer(peer.subject(), peer.deviceEui64().orElse(null), NetworkAccessPoint.ipAddress(peerAddress))
 *         .patient(pid3).messageControlId(msh10)
 *         .build();
 * }</pre>
 */
public final class ImportBuilder extends AuditEventBuilder<ImportBuilder> {

    private final CodedValue transaction;
    private final Hl7Exchange exchange = new Hl7Exchange();

    private ImportBuilder(AuditContext context, Clock clock, CodedValue transaction) {
        super(context, clock, EventOutcome.SUCCESS);
        this.transaction = Objects.requireNonNull(transaction, "transaction");
    }

    /** @param transaction the EventTypeCode, e.g. {@code CodedValue.iheTransaction("PCD-01", "Communicate PCD Data")} */
    public static ImportBuilder of(AuditContext context, Clock clock, CodedValue transaction) {
        return new ImportBuilder(context, clock, transaction);
    }

    /** The sending application (MSH-3, MSH-4) at the peer's address; RoleIDCode 110153, requestor. */
    public ImportBuilder source(Hl7Application sender, NetworkAccessPoint peer) {
        exchange.source(sender, peer);
        return this;
    }

    /** The receiving application (MSH-5, MSH-6), which is Ward: this node's address; RoleIDCode 110152. */
    public ImportBuilder destination(Hl7Application receiver) {
        exchange.destination(receiver, context.localNode());
        return this;
    }

    /**
     * The node the TLS layer authenticated, binding the self-declared MSH identity to a
     * credential: {@code UserID} = certificate subject DN (RFC 2253), {@code AlternativeUserID} =
     * the device EUI-64 from the certificate's {@code urn:dev:mac:} SAN (16 hex digits, as
     * {@code PeerIdentity.deviceEui64()} gives it) or null for a certificate without one. No role
     * code (it is the source node as TLS saw it, not a second source) and not the requestor.
     */
    public ImportBuilder authenticatedPeer(String certificateSubject, String deviceId, NetworkAccessPoint peer) {
        exchange.authenticatedPeer(certificateSubject, deviceId, peer);
        return this;
    }

    /** The patient (PID-3 as sent): Person, Patient, ID type "Patient Number". Once per record. */
    public ImportBuilder patient(String patientId) {
        exchange.patient(patientId);
        return this;
    }

    /** MSH-10, written as ParticipantObjectDetail type "MSH-10" of the patient. */
    public ImportBuilder messageControlId(String msh10) {
        exchange.messageControlId(msh10);
        return this;
    }

    /**
     * What the access policy redacted or dropped from the message on its way (targets and actions,
     * e.g. {@code PID-19 redact}, never values), as ParticipantObjectDetail "AccessPolicyChange".
     */
    public ImportBuilder policyChanges(List<String> changes) {
        exchange.policyChanges(changes);
        return this;
    }

    @Override
    EventId eventId() {
        return EventId.IMPORT;
    }

    @Override
    EventAction action() {
        return EventAction.CREATE;
    }

    @Override
    List<CodedValue> eventTypes() {
        return List.of(transaction);
    }

    @Override
    void validate() {
        exchange.validate("Import");
    }

    @Override
    List<ActiveParticipant> activeParticipants() {
        return exchange.participants();
    }

    @Override
    List<ParticipantObjectIdentification> participantObjects() {
        return List.of(exchange.patientObject());
    }
}
