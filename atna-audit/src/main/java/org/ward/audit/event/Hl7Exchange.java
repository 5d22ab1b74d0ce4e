package org.ward.audit.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ward.audit.codes.ParticipantObjectIdType;
import org.ward.audit.codes.ParticipantObjectRole;
import org.ward.audit.codes.ParticipantObjectType;
import org.ward.audit.codes.RoleIdCode;
import org.ward.audit.model.ActiveParticipant;
import org.ward.audit.model.NetworkAccessPoint;
import org.ward.audit.model.ParticipantObjectDetail;
import org.ward.audit.model.ParticipantObjectIdentification;

/**
 * The parts of an HL7 v2 message transfer that Import (A.5.3.5) and Export (A.5.3.4) share,
 * following the IHE convention for HL7 v2 transactions (the ITI-8/ITI-9 audit tables, as in
 * the IPF reference records): source {@code MSH-4|MSH-3} with 110153, destination
 * {@code MSH-6|MSH-5} with 110152, one patient per record with MSH-10 as a detail.
 */
final class Hl7Exchange {

    /** ParticipantObjectDetail type carrying the message control ID. */
    static final String MSH_10 = "MSH-10";
    /** ParticipantObjectDetail type for each thing the access policy removed, e.g. "PID-19 redact". */
    static final String POLICY_CHANGE = "AccessPolicyChange";

    private ActiveParticipant source;
    private ActiveParticipant destination;
    private ActiveParticipant authenticatedPeer;
    private String patientId;
    private String messageControlId;
    private List<String> policyChanges = List.of();

    void source(Hl7Application sender, NetworkAccessPoint address) {
        Objects.requireNonNull(sender, "sender");
        // The sender pushes the message, so it is the requestor (DICOM A.5.3.4/5: exactly one).
        source = new ActiveParticipant(sender.userId(), null, null, true,
                List.of(RoleIdCode.SOURCE.value()), address);
    }

    void destination(Hl7Application receiver, NetworkAccessPoint address) {
        Objects.requireNonNull(receiver, "receiver");
        destination = new ActiveParticipant(receiver.userId(), null, null, false,
                List.of(RoleIdCode.DESTINATION.value()), address);
    }

    void authenticatedPeer(String certificateSubject, String deviceId, NetworkAccessPoint address) {
        authenticatedPeer = new ActiveParticipant(certificateSubject, deviceId, null, false, List.of(), address);
    }

    void patient(String id) {
        if (patientId != null) {
            // One patient per record (as the audit issue asks for ITI-20), so that a query by
            // patient finds exactly that patient's records; a message about two gets two records.
            throw new IllegalStateException("one patient per audit record; build a second record");
        }
        patientId = requireNotBlank(id, "patient ID");
    }

    void messageControlId(String msh10) {
        messageControlId = requireNotBlank(msh10, "MSH-10");
    }

    void policyChanges(List<String> changes) {
        policyChanges = List.copyOf(changes);
    }

    void validate(String event) {
        AuditEventBuilder.require(source != null, event + " needs the source (MSH-4|MSH-3, 110153)");
        AuditEventBuilder.require(destination != null, event + " needs the destination (MSH-6|MSH-5, 110152)");
        AuditEventBuilder.require(patientId != null, event + " needs the patient (PID-3)");
        AuditEventBuilder.require(messageControlId != null, event + " needs the message control ID (MSH-10)");
    }

    List<ActiveParticipant> participants() {
        List<ActiveParticipant> all = new ArrayList<>(List.of(source, destination));
        if (authenticatedPeer != null) {
            all.add(authenticatedPeer);
        }
        return all;
    }

    /** Person (1), Patient (1), ID type Patient Number (RFC-3881 2), detail MSH-10. */
    ParticipantObjectIdentification patientObject() {
        return new ParticipantObjectIdentification(patientId, ParticipantObjectType.PERSON,
                ParticipantObjectRole.PATIENT, null, ParticipantObjectIdType.PATIENT_NUMBER.value(),
                null, null, null, details());
    }

    private List<ParticipantObjectDetail> details() {
        List<ParticipantObjectDetail> details = new ArrayList<>();
        details.add(ParticipantObjectDetail.text(MSH_10, messageControlId));
        policyChanges.forEach(change -> details.add(ParticipantObjectDetail.text(POLICY_CHANGE, change)));
        return details;
    }

    private static String requireNotBlank(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value;
    }
}
