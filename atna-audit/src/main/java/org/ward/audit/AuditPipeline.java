package org.ward.audit;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ward.audit.spool.FileAuditSpool;
import org.ward.audit.spool.SpoolConfig;
import org.ward.audit.spool.SpoolListener;
import org.ward.audit.syslog.AuditForwarder;
import org.ward.audit.syslog.ForwarderConfig;
import org.ward.audit.syslog.Rfc5424Formatter;
import org.ward.audit.syslog.SyslogConfig;
import org.ward.audit.syslog.SyslogTlsCredentials;
import org.ward.audit.syslog.SyslogTlsSender;

/**
 * The whole audit path of one Ward node (ARCHITECTURE "The audit path"): sink → durable spool →
 * forwarder → RFC 5425 syslog over mutual TLS to the audit repository. {@link #open} opens the
 * spool; records stay there until {@link #forwardTo} names the repository, or for good when none is
 * configured (the engine says so at start-up).
 */
public final class AuditPipeline implements AutoCloseable {

    /** How long a stop may spend sending what is still in the spool. */
    public static final Duration DRAIN_ON_STOP = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(AuditPipeline.class);

    /** Where records go and as whom Ward connects. */
    public record Repository(SyslogConfig syslog, SyslogTlsCredentials credentials) {
    }

    private final FileAuditSpool spool;
    private final SpoolingAuditSink sink;
    private volatile Optional<SyslogTlsSender> sender = Optional.empty();
    private volatile Optional<AuditForwarder> forwarder = Optional.empty();
    private boolean closed;

    private AuditPipeline(FileAuditSpool spool, SpoolingAuditSink sink) {
        this.spool = spool;
        this.sink = sink;
    }

    /**
     * The spool and the sink, without a repository yet: records are accepted (durably) from here on
     * and wait in the spool until {@link #forwardTo} starts sending them.
     */
    public static AuditPipeline open(SpoolConfig spoolConfig, AuditFailurePolicy onFailure,
                                     SpoolListener spoolListener) throws IOException {
        FileAuditSpool spool = FileAuditSpool.open(spoolConfig, spoolListener);
        SpoolingAuditSink sink = new SpoolingAuditSink(spool, onFailure);
        int moved = new AuditInbox(AuditInbox.besideSpool(spoolConfig.directory())).moveInto(spool);
        if (moved > 0) {
            LOG.info("{} audit records written by ward commands moved into the spool", moved);
        }
        return new AuditPipeline(spool, sink);
    }

    /** Starts sending the spool to {@code repository}; once per pipeline. */
    public synchronized void forwardTo(Repository repository) {
        if (closed || forwarder.isPresent()) {
            throw new IllegalStateException(closed ? "the audit pipeline is closed"
                    : "the audit pipeline already forwards to a repository");
        }
        SyslogConfig syslog = repository.syslog();
        SyslogTlsSender newSender = new SyslogTlsSender(syslog, repository.credentials(),
                (state, cause) -> LOG.info("audit repository {}:{} {}{}", syslog.host(), syslog.port(), state,
                        cause == null ? "" : ": " + cause.getMessage()));
        AuditForwarder newForwarder = new AuditForwarder(spool, newSender, Rfc5424Formatter.of(syslog),
                ForwarderConfig.defaults());
        newSender.start();
        newForwarder.start();
        sender = Optional.of(newSender);
        forwarder = Optional.of(newForwarder);
    }

    /** Moves records that {@code ward} commands spooled meanwhile into the main spool. */
    public int importCommandRecords() {
        return new AuditInbox(AuditInbox.besideSpool(spool.directory())).moveInto(spool);
    }

    public AuditSink sink() {
        return sink;
    }

    public FileAuditSpool spool() {
        return spool;
    }

    public Optional<AuditForwarder> forwarder() {
        return forwarder;
    }

    /** Sends what it can within {@link #DRAIN_ON_STOP}; what remains stays in the spool for the next start. */
    @Override
    public synchronized void close() throws IOException {
        closed = true;
        try {
            if (forwarder.isPresent() && !forwarder.get().stop(DRAIN_ON_STOP)) {
                LOG.warn("audit records still in the spool at stop: {} (sent at the next start)", spool.pending());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            sender.ifPresent(SyslogTlsSender::close);
            spool.close();
        }
    }
}
