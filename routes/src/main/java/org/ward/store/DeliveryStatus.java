package org.ward.store;

/**
 * Where a message stands with one destination. Stored by name in {@code deliveries.status}, whose
 * CHECK constraint {@code deliveries_status_check} lists these names.
 */
public enum DeliveryStatus {
    /** Waiting for the destination, first try or retry; the destination's queue is its PENDING rows. */
    PENDING,
    /** The destination acknowledged it positively (AA/CA). */
    DELIVERED,
    /** The destination rejected it (AR/CR); it is never sent again. */
    DEAD_LETTER
}
