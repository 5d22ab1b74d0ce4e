package org.ward.audit.event;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
import org.ward.audit.model.ParticipantObjectDetail;
import org.ward.audit.model.ParticipantObjectIdentification;

/**
 * Patient Record (110110), action R, DICOM PS3.15 A.5.3.6 as ITI-20 uses it for a read: a person
 * read a stored HL7 v2 message about a patient through Ward's API. The person (from Kerberos) is
 * the requestor; the patient is the participant object with the message's MSH-10 and, as
 * "AccessPolicyChange" details, what the read policy withheld (targets and actions, never values).
 * A refused read is recorded with outcome 4.
 *
 * <pre>{@code
 * PatientRecordReadBuilder.of(context, clock)
 *         .reader("alice@EXAMPLE.ORG", NetworkAccessPoint.ipAddress(client))
 *         .patient("789567^^^HOSP^PI").messageControlId("MSG-1").policyChanges(List.of("OBX drop x2"))
 *         .build();
 * }</pre>
 */
public final class PatientRecordReadBuilder extends AuditEventBuilder<PatientRecordReadBuilder> {

    private ActiveParticipant reader;
    private final List<String> patients = new ArrayList<>();
    private String messageControlId;
    private List<String> policyChanges = List.of();

    private PatientRecordReadBuilder(AuditContext context, Clock clock) {
        super(context, clock, EventOutcome.SUCCESS);
    }

    public static PatientRecordReadBuilder of(AuditContext context, Clock clock) {
        return new PatientRecordReadBuilder(context, clock);
    }

    /** The person reading and their address. */
    public PatientRecordReadBuilder reader(String principal, NetworkAccessPoint client) {
        reader = person(principal, null, client);
        return this;
    }

    /** A patient the message is about (PID-3); one participant object each. */
    public PatientRecordReadBuilder patient(String patientId) {
        patients.add(Objects.requireNonNull(patientId, "patientId"));
        return this;
    }

    public PatientRecordReadBuilder messageControlId(String msh10) {
        messageControlId = msh10;
        return this;
    }

    public PatientRecordReadBuilder policyChanges(List<String> changes) {
        policyChanges = List.copyOf(changes);
        return this;
    }

    @Override
    EventId eventId() {
        return EventId.PATIENT_RECORD;
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
        require(reader != null, "Patient Record read needs the reader");
    }

    @Override
    List<ActiveParticipant> activeParticipants() {
        return List.of(reader, wardNode(false));
    }

    @Override
    List<ParticipantObjectIdentification> participantObjects() {
        List<ParticipantObjectDetail> details = new ArrayList<>();
        if (messageControlId != null && !messageControlId.isBlank()) {
            details.add(ParticipantObjectDetail.text(Hl7Exchange.MSH_10, messageControlId));
        }
        policyChanges.forEach(change -> details.add(ParticipantObjectDetail.text(Hl7Exchange.POLICY_CHANGE, change)));
        List<ParticipantObjectIdentification> all = new ArrayList<>();
        for (String patient : patients) {
            all.add(new ParticipantObjectIdentification(patient, ParticipantObjectType.PERSON,
                    ParticipantObjectRole.PATIENT, null, ParticipantObjectIdType.PATIENT_NUMBER.value(),
                    null, null, null, details));
        }
        return all;
    }
}
