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
 * Export (110106), DICOM PS3.15 A.5.3.4: Ward delivered an HL7 v2 message to a destination.
 * One record per patient; EventActionCode R; EventTypeCode the IHE transaction.
 *
 * <pre>{@code
 * ExportBuilder.of(context, clock, CodedValue.iheTransaction("PCD-01", "Communicate PCD Data"))
 *         .source(Hl7Application.of(msh3, msh4))
 *         .destination(Hl7Application.of(msh5, msh6), NetworkAccessPoint.machineName("emr.example.org"))
 *         .patient(pid3).messageControlId(msh10)
 *         .build();
 * }</pre>
 */
public final class ExportBuilder extends AuditEventBuilder<ExportBuilder> {

    private final CodedValue transaction;
    private final Hl7Exchange exchange = new Hl7Exchange();

    private ExportBuilder(AuditContext context, Clock clock, CodedValue transaction) {
        super(context, clock, EventOutcome.SUCCESS);
        this.transaction = Objects.requireNonNull(transaction, "transaction");
    }

    public static ExportBuilder of(AuditContext context, Clock clock, CodedValue transaction) {
        return new ExportBuilder(context, clock, transaction);
    }

    /** The sending application of the outgoing message (MSH-3, MSH-4), which is Ward; 110153, requestor. */
    public ExportBuilder source(Hl7Application sender) {
        exchange.source(sender, context.localNode());
        return this;
    }

    /** The receiving application (MSH-5, MSH-6) at the destination's address; 110152. */
    public ExportBuilder destination(Hl7Application receiver, NetworkAccessPoint destination) {
        exchange.destination(receiver, destination);
        return this;
    }

    /** The destination as TLS authenticated it; see {@link ImportBuilder#authenticatedPeer}. */
    public ExportBuilder authenticatedPeer(String certificateSubject, String deviceId, NetworkAccessPoint peer) {
        exchange.authenticatedPeer(certificateSubject, deviceId, peer);
        return this;
    }

    /** The patient (PID-3 as sent). Once per record. */
    public ExportBuilder patient(String patientId) {
        exchange.patient(patientId);
        return this;
    }

    /** MSH-10 of the delivered message, written as detail "MSH-10" of the patient. */
    public ExportBuilder messageControlId(String msh10) {
        exchange.messageControlId(msh10);
        return this;
    }

    /**
     * What the access policy redacted or dropped from the message on its way (targets and actions,
     * e.g. {@code PID-19 redact}, never values), as ParticipantObjectDetail "AccessPolicyChange".
     */
    public ExportBuilder policyChanges(List<String> changes) {
        exchange.policyChanges(changes);
        return this;
    }

    @Override
    EventId eventId() {
        return EventId.EXPORT;
    }

    @Override
    EventAction action() {
        return EventAction.READ;
    }

    @Override
    List<CodedValue> eventTypes() {
        return List.of(transaction);
    }

    @Override
    void validate() {
        exchange.validate("Export");
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
