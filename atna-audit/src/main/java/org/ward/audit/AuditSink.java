package org.ward.audit;

import java.util.List;
import org.ward.audit.model.AuditMessage;

/**
 * The one interface every Ward component emits audit records through (ARCHITECTURE.md,
 * "The audit path"). Components depend on this, never on the transport.
 *
 * <p>Contract for implementations: {@link #emit} never blocks the caller on the network and never
 * throws because of a transport problem (repository down, TLS failure, slow peer). The record is
 * written to a durable spool first and sent from there, so auditing never breaks the clinical
 * exchange and never silently drops a record either. A record that cannot even be spooled (disk
 * full) is reported loudly by the implementation, not to the caller.
 */
@FunctionalInterface
public interface AuditSink {

    /** Hands one audit record over for durable, asynchronous delivery. */
    void emit(AuditMessage message);

    /**
     * Whether the clinical exchange must be refused because this sink cannot take records now
     * ({@code on-audit-failure: refuse} with the spool full or failing). Asked before a message is
     * accepted, so that it is refused rather than taken unaudited; a sink that never refuses says no.
     */
    default boolean refusesExchanges() {
        return false;
    }

    /**
     * Hands several records over at once, in order, under the same contract as {@link #emit}. A sink
     * may make them durable together (one fsync for all), which is what a caller emitting many records
     * in a row (one Export per delivered message) wants; this default emits them one by one.
     */
    default void emitAll(List<AuditMessage> messages) {
        messages.forEach(this::emit);
    }
}
