package org.ward.audit.repository;

import java.time.Instant;
import java.util.List;

/**
 * What the repository indexes from one DICOM audit message; null where the record lacks it.
 *
 * @param eventId EventID/@csd-code
 * @param eventAction EventIdentification/@EventActionCode
 * @param eventOutcome EventIdentification/@EventOutcomeIndicator
 * @param eventTime EventIdentification/@EventDateTime (no offset: read as UTC)
 * @param index event type codes, participants' user IDs and addresses, patient IDs, MSH-10s
 */
public record ExtractedFields(String eventId, String eventAction, String eventOutcome, Instant eventTime,
                              List<IndexEntry> index) {

    public static final ExtractedFields NONE = new ExtractedFields(null, null, null, null, List.of());

    public ExtractedFields {
        index = List.copyOf(index);
    }
}
