package org.ward.store;

import java.time.Instant;

/**
 * Which journal entries to list: every criterion that is set must match. Results come in id order,
 * starting after {@code afterId}, at most {@code limit} of them; page on with {@link #after(long)}.
 *
 * @param patientId       entries that name this patient id, or null for any
 * @param controlId       entries with this MSH-10, or null for any
 * @param messageType     entries with this MSH-9, or null for any
 * @param status          entries in this status, or null for any
 * @param receivedFrom    entries received at or after this instant, or null
 * @param receivedBefore  entries received before this instant, or null
 * @param afterId         entries with a greater id (0 for the first page)
 * @param limit           at most this many entries, 1 to {@value #MAX_LIMIT}
 */
public record JournalQuery(String patientId, String controlId, String messageType, MessageStatus status,
                           Instant receivedFrom, Instant receivedBefore, long afterId, int limit) {

    public static final int MAX_LIMIT = 1000;
    public static final int DEFAULT_LIMIT = 100;

    public JournalQuery {
        if (afterId < 0) {
            throw new IllegalArgumentException("afterId is negative");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT);
        }
        if (receivedFrom != null && receivedBefore != null && !receivedFrom.isBefore(receivedBefore)) {
            throw new IllegalArgumentException("receivedFrom must be before receivedBefore");
        }
    }

    /** Every entry, the first {@value #DEFAULT_LIMIT}. */
    public static JournalQuery all() {
        return new JournalQuery(null, null, null, null, null, null, 0, DEFAULT_LIMIT);
    }

    public static JournalQuery byPatient(String patientId) {
        return all().withPatientId(patientId);
    }

    public static JournalQuery byControlId(String controlId) {
        return all().withControlId(controlId);
    }

    public JournalQuery withPatientId(String value) {
        return new JournalQuery(value, controlId, messageType, status, receivedFrom, receivedBefore, afterId, limit);
    }

    public JournalQuery withControlId(String value) {
        return new JournalQuery(patientId, value, messageType, status, receivedFrom, receivedBefore, afterId, limit);
    }

    public JournalQuery withMessageType(String value) {
        return new JournalQuery(patientId, controlId, value, status, receivedFrom, receivedBefore, afterId, limit);
    }

    public JournalQuery withStatus(MessageStatus value) {
        return new JournalQuery(patientId, controlId, messageType, value, receivedFrom, receivedBefore, afterId, limit);
    }

    public JournalQuery receivedBetween(Instant from, Instant before) {
        return new JournalQuery(patientId, controlId, messageType, status, from, before, afterId, limit);
    }

    public JournalQuery after(long id) {
        return new JournalQuery(patientId, controlId, messageType, status, receivedFrom, receivedBefore, id, limit);
    }

    public JournalQuery limit(int value) {
        return new JournalQuery(patientId, controlId, messageType, status, receivedFrom, receivedBefore, afterId, value);
    }

    /** Names no patient id. */
    @Override
    public String toString() {
        return "JournalQuery[" + (patientId == null ? "" : "patient=<set> ") + "controlId=" + controlId
                + " messageType=" + messageType + " status=" + status + " from=" + receivedFrom
                + " before=" + receivedBefore + " after=" + afterId + " limit=" + limit + "]";
    }
}
