package org.ward.audit.syslog;

/**
 * Counters of an {@link AuditForwarder} since it started.
 *
 * @param sent records written to a connection (resends included)
 * @param acknowledged records acknowledged in the spool
 * @param resent records written again after their connection dropped before they settled; the
 *     repository may hold each of these twice
 * @param rejected records that can never be sent (larger than max-message-bytes); logged at ERROR
 *     with their sequence and acknowledged so they do not block the rest
 */
public record ForwarderStats(long sent, long acknowledged, long resent, long rejected) {
}
