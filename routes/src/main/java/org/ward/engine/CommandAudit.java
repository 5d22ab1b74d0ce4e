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
    private final SpoolingAuditSink sink;
    private final org.ward.audit.AuditContext context;

    private CommandAudit(FileAuditSpool spool, SpoolingAuditSink sink, org.ward.audit.AuditContext context) {
        this.spool = spool;
        this.sink = sink;
        this.context = context;
        this.trail = new AuditTrail(sink, context, Clock.systemUTC());
    }

    public static CommandAudit open(AuditConfig audit) throws IOException {
        FileAuditSpool spool = new AuditInbox(AuditInbox.besideSpool(audit.spoolDirectory())).openForCommand();
        return new CommandAudit(spool, new SpoolingAuditSink(spool, AuditFailurePolicy.CONTINUE),
                AuditWiring.context(audit));
    }

    /** 110137 User Security Attributes Changed or 110136 Security Roles Changed for a users.yaml edit. */
    public void userChanged(org.ward.users.UserChange change, String command) {
        sink.emit(change.auditByProcess(context, Clock.systemUTC(), command,
                System.getProperty("user.name", "unknown")));
    }

    /**
     * Query 110112 (ITI-81 Retrieve ATNA Audit Event) for {@code ward audit query}: the OS user running
     * the command, the query as given and the patients it names, and whether it succeeded.
     */
    public void auditQueried(String query, java.util.List<String> patients, boolean succeeded) {
        sink.emit(org.ward.audit.event.AuditQueries.record(context, Clock.systemUTC(), "ward audit query (" + System.getProperty("user.name",
                "unknown") + ")", org.ward.audit.model.NetworkAccessPoint.machineName(AuditWiring.hostName()), query,
                patients, succeeded));
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
