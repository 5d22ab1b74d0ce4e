package org.ward.store;

/**
 * Where a journalled message stands. Stored by name in {@code messages.status}, whose CHECK constraint
 * {@code messages_status_check} lists the allowed names. Where a message stands with each destination
 * is kept apart, per destination, as a {@link DeliveryStatus} in {@code deliveries}.
 */
public enum MessageStatus {
    /** Committed to the journal; the sender was (or may be) acknowledged. */
    ACCEPTED
}
