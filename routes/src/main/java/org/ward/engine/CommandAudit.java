package org.ward.engine;

import java.io.IOException;
import java.time.Clock;
import org.ward.audit.AuditFailurePolicy;
import org.ward.audit.AuditInbox;
import org.ward.audit.SpoolingAuditSink;
import org.ward.audit.spool.FileAuditSpool;
import org.ward.config.AuditConfig;
import org.ward.pki.PkiChange;
import org.ward.pki.PkiEventListener;

/**
 * The audit trail of a short-lived {@code ward} command (e.g. {@code ward pki revoke}): records are
 * spooled durably into the audit inbox, from which the engine moves them into its spool and on
 * to the audit repository (at its next start if it is not running).
 */
public final class CommandAudit implements AutoCloseable, PkiEventListener {

    private final FileAuditSpool spool;
    private final AuditTrail trail;

    private CommandAudit(FileAuditSpool spool, AuditTrail trail) {
        this.spool = spool;
        this.trail = trail;
    }

    public static CommandAudit open(AuditConfig audit) throws IOException {
        FileAuditSpool spool = new AuditInbox(AuditInbox.besideSpool(audit.spoolDirectory())).openForCommand();
        return new CommandAudit(spool, new AuditTrail(new SpoolingAuditSink(spool, AuditFailurePolicy.CONTINUE),
                AuditWiring.context(audit), Clock.systemUTC()));
    }

    /** Security Configuration (110113/110129) for a PKI change, also logged. */
    @Override
    public void pkiChanged(PkiChange change) {
        PkiEventListener.logging().pkiChanged(change);
        trail.pkiChanged(change);
    }

    @Override
    public void close() throws IOException {
        spool.close();
    }
}
