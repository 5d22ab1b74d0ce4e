package org.ward.store;

/**
 * Where a journalled message stands. Stored by name in {@code messages.status}, whose CHECK constraint
 * {@code messages_status_check} lists the allowed names; the delivery part adds QUEUED, DELIVERED and
 * DEAD_LETTER with a migration that replaces that constraint.
 */
public enum MessageStatus {
    /** Committed to the journal; the sender was (or may be) acknowledged. */
    ACCEPTED
}
