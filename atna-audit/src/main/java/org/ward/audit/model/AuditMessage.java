package org.ward.audit.model;

import java.util.List;
import java.util.Objects;

/**
 * {@code AuditMessage}, DICOM PS3.15 A.5.1: one audit record as the ATNA Record Audit Event
 * transaction (ITI-20) carries it. Build one with a builder of {@code org.ward.audit.event};
 * write it with {@code org.ward.audit.marshal.DicomAuditXml}. {@link #toString()} is safe to
 * log: it names the event and counts the parts, but leaves out identifiers that may be PHI.
 */
public record AuditMessage(EventIdentification eventIdentification,
                           List<ActiveParticipant> activeParticipants,
                           AuditSourceIdentification auditSourceIdentification,
                           List<ParticipantObjectIdentification> participantObjects) {

    public AuditMessage {
        Objects.requireNonNull(eventIdentification, "EventIdentification");
        Objects.requireNonNull(auditSourceIdentification, "AuditSourceIdentification");
        activeParticipants = List.copyOf(activeParticipants);
        participantObjects = List.copyOf(participantObjects);
        if (activeParticipants.isEmpty()) {
            // dicom2017c.xsd: ActiveParticipant maxOccurs="unbounded", minOccurs 1
            throw new IllegalArgumentException("an AuditMessage needs at least one ActiveParticipant");
        }
    }

    @Override
    public String toString() {
        EventIdentification e = eventIdentification;
        return "AuditMessage[" + e.eventId() + ", types=" + e.eventTypeCodes()
                + ", outcome=" + e.outcome().wire() + ", at=" + e.dateTime()
                + ", participants=" + activeParticipants.size()
                + ", objects=" + participantObjects.size() + "]";
    }
}
