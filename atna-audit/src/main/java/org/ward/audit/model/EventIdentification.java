package org.ward.audit.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.ward.audit.codes.EventAction;
import org.ward.audit.codes.EventOutcome;

/**
 * {@code EventIdentification}, DICOM PS3.15 A.5.1: what happened, when, and with what outcome.
 *
 * @param eventId            {@code EventID}, DICOM CID 400
 * @param action             {@code EventActionCode}
 * @param dateTime           {@code EventDateTime}; written in UTC with milliseconds
 * @param outcome            {@code EventOutcomeIndicator}
 * @param outcomeDescription {@code EventOutcomeDescription}, or null; never PHI
 * @param eventTypeCodes     {@code EventTypeCode}s, CID 401 or an IHE transaction
 * @param purposesOfUse      {@code PurposeOfUse} (ITI TF-2 §3.20.7.8, XUA)
 */
public record EventIdentification(CodedValue eventId, EventAction action, Instant dateTime,
                                  EventOutcome outcome, String outcomeDescription,
                                  List<CodedValue> eventTypeCodes, List<CodedValue> purposesOfUse) {

    public EventIdentification {
        Objects.requireNonNull(eventId, "EventID");
        Objects.requireNonNull(action, "EventActionCode");
        Objects.requireNonNull(dateTime, "EventDateTime");
        Objects.requireNonNull(outcome, "EventOutcomeIndicator");
        Checks.optionalText(outcomeDescription, "EventOutcomeDescription");
        eventTypeCodes = List.copyOf(eventTypeCodes);
        purposesOfUse = List.copyOf(purposesOfUse);
    }
}
