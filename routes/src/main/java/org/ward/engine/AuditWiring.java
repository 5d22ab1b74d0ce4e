package org.ward.engine;

import java.io.IOException;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ward.audit.AuditContext;
import org.ward.audit.AuditPipeline;
import org.ward.audit.model.NetworkAccessPoint;
import org.ward.audit.spool.SpoolConfig;
import org.ward.audit.spool.SpoolListener;
import org.ward.audit.syslog.MsgEncoding;
import org.ward.audit.syslog.SyslogConfig;
import org.ward.audit.syslog.SyslogIdentity;
import org.ward.audit.syslog.SyslogTlsCredentials;
import org.ward.config.AuditConfig;
import org.ward.pki.PemCertificates;
import org.ward.tls.KeyMaterial;

/** Maps the {@code audit:} configuration onto the audit pipeline and this node's audit identity. */
final class AuditWiring {

    private static final Logger LOG = LoggerFactory.getLogger(AuditWiring.class);

    private AuditWiring() {
    }

    static AuditContext context(AuditConfig audit) {
        return AuditContext.applicationServer(audit.sourceId(), audit.enterpriseSite().orElse(null),
                NetworkAccessPoint.machineName(hostName()));
    }

    /** The spool and the sink; the repository comes later ({@link #repository}). */
    static AuditPipeline openSpool(AuditConfig audit, SpoolListener nearlyFull) throws IOException {
        SpoolConfig spool = new SpoolConfig(audit.spoolDirectory(), audit.spoolCapBytes(), SpoolConfig.DEFAULT_SEGMENT_BYTES,
                SpoolConfig.DEFAULT_MAX_RECORD_BYTES, Duration.ofMillis(200));
        return AuditPipeline.open(spool, audit.onFailure(), nearlyFull);
    }

    /** Where the pipeline sends its records and as whom, when {@code audit.repository} is set. */
    static Optional<AuditPipeline.Repository> repository(AuditConfig audit) throws IOException, GeneralSecurityException {
        if (audit.repository().isEmpty()) {
            return Optional.empty();
        }
        AuditConfig.Repository repo = audit.repository().get();
        KeyMaterial keys = KeyMaterial.load(repo.keyStore(), repo.keyStorePasswordFile());
        SyslogConfig syslog = new SyslogConfig(repo.host(), repo.port(),
                SyslogIdentity.ofCurrentProcess(hostName(), "ward"), MsgEncoding.UTF8_WITH_BOM,
                SyslogConfig.DEFAULT_MAX_MESSAGE_BYTES, Duration.ofSeconds(10), Duration.ofMillis(500),
                Duration.ofSeconds(30), repo.verifyHostname());
        return Optional.of(new AuditPipeline.Repository(syslog,
                new SyslogTlsCredentials(keys.keyStore(), keys.password(), PemCertificates.read(repo.trustAnchors()))));
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            LOG.debug("host name unknown, using localhost in audit records: {}", e.getMessage());
            return "localhost";
        }
    }
}
