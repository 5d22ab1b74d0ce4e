/**
 * The durable queue between audit emitters and the forwarder: {@link org.ward.audit.spool.AuditSpool}
 * and its crash-safe file implementation {@link org.ward.audit.spool.FileAuditSpool}. An append is on
 * stable storage when it returns, never waits on the network, and a full spool refuses it loudly
 * ({@link org.ward.audit.spool.SpoolFullException}) instead of dropping it.
 */
package org.ward.audit.spool;
