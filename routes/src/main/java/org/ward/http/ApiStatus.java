package org.ward.http;

import java.util.Map;

/**
 * What {@code GET /api/status} reports, as the engine sees it at the moment of the request.
 *
 * @param listeners per listener: received, accepted and refused since start
 * @param destinations per destination: counts by delivery status (PENDING, DELIVERED, DEAD_LETTER)
 * @param journalMessages how many messages the journal holds
 */
public record ApiStatus(Map<String, long[]> listeners, Map<String, Map<String, Long>> destinations,
                        long journalMessages) {
}
