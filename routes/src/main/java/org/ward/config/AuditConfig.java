package org.ward.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.ward.audit.AuditFailurePolicy;

/**
 * The {@code audit:} section: who this node is in its audit records, where records wait, and the
 * audit repository they are sent to (RFC 5425 syslog over mutual TLS, ITI-20).
 *
 * @param sourceId       AuditSourceID of every record
 * @param enterpriseSite AuditEnterpriseSiteID, if any
 * @param spoolDirectory the durable spool
 * @param spoolCapBytes  disk cap of the spool; an alert is raised at 80 %
 * @param onFailure      what happens to the exchange when a record cannot be spooled
 * @param repository     where records are sent; without one they stay in the spool
 */
public record AuditConfig(String sourceId, Optional<String> enterpriseSite, Path spoolDirectory, long spoolCapBytes,
                          AuditFailurePolicy onFailure, Optional<Repository> repository) {

    public static final long DEFAULT_SPOOL_CAP_BYTES = 256L * 1024 * 1024;

    /**
     * @param host           audit repository host
     * @param port           its RFC 5425 port (6514)
     * @param verifyHostname whether its certificate must name {@code host}
     * @param keyStore       Ward's client key and chain (PKCS#12)
     * @param keyStorePasswordFile its password
     * @param trustAnchors   CA certificates the repository's certificate must chain to
     */
    public record Repository(String host, int port, boolean verifyHostname, Path keyStore, Path keyStorePasswordFile,
                             Path trustAnchors) {
        public Repository {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(keyStore, "keyStore");
            Objects.requireNonNull(keyStorePasswordFile, "keyStorePasswordFile");
            Objects.requireNonNull(trustAnchors, "trustAnchors");
        }
    }

    public AuditConfig {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(enterpriseSite, "enterpriseSite");
        Objects.requireNonNull(spoolDirectory, "spoolDirectory");
        Objects.requireNonNull(onFailure, "onFailure");
        Objects.requireNonNull(repository, "repository");
    }

    /** The same, sending to {@code target}. */
    public AuditConfig withRepository(Repository target) {
        return new AuditConfig(sourceId, enterpriseSite, spoolDirectory, spoolCapBytes, onFailure,
                Optional.of(target));
    }

    /** Defaults for a data directory: spool under it, no repository, {@code continue}. */
    public static AuditConfig defaults(Path dataDir) {
        return new AuditConfig(defaultSourceId(), Optional.empty(), dataDir.resolve("audit-spool"),
                DEFAULT_SPOOL_CAP_BYTES, AuditFailurePolicy.CONTINUE, Optional.empty());
    }

    static String defaultSourceId() {
        try {
            return "ward@" + java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "ward";
        }
    }
}
