package org.ward.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.ward.audit.repository.AuditStoreConfig;
import org.ward.audit.repository.RetentionPeriod;

/**
 * The {@code audit-repository:} section: Ward's own ATNA audit repository, which receives RFC 5425
 * syslog over mutual TLS from Ward and from other systems, stores the records hash-chained, and
 * answers auditors' queries. Without the section none runs.
 *
 * @param bind          address to listen on
 * @param port          RFC 5425 port (6514); 0 picks a free one
 * @param maxFrameBytes largest record accepted; bigger ones are skipped and counted
 * @param tls           the repository's server key and the anchors senders' certificates must chain to
 * @param store         the database
 * @param retention     when old records move to a signed archive; empty keeps everything
 */
public record AuditRepositorySettings(String bind, int port, int maxFrameBytes, Tls tls, Store store,
                                      Optional<Retention> retention) {

    public static final int DEFAULT_PORT = 6514;
    public static final int DEFAULT_MAX_FRAME_BYTES = 64 * 1024;

    /** Server key store (PKCS#12) and its password file; PEM trust anchors for senders. */
    public record Tls(Path keyStore, Path keyStorePasswordFile, Path trustAnchors) {
        public Tls {
            Objects.requireNonNull(keyStore, "keyStore");
            Objects.requireNonNull(keyStorePasswordFile, "keyStorePasswordFile");
            Objects.requireNonNull(trustAnchors, "trustAnchors");
        }
    }

    /**
     * H2 under {@code <data-dir>/audit-repository} (no url), or PostgreSQL.
     *
     * @param jdbcUrl      a {@code jdbc:postgresql:} url for PostgreSQL
     * @param passwordFile first line is the database password
     */
    public record Store(Kind kind, Optional<String> jdbcUrl, Optional<String> user, Optional<Path> passwordFile) {
        /** The databases the repository runs on. */
        public enum Kind { H2, POSTGRESQL }

        public static Store h2() {
            return new Store(Kind.H2, Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    /**
     * @param keep       records received longer ago than this are archived, then removed
     * @param archiveDir where the signed archive files go
     */
    public record Retention(RetentionPeriod keep, Path archiveDir) {
        public Retention {
            Objects.requireNonNull(keep, "keep");
            Objects.requireNonNull(archiveDir, "archiveDir");
        }
    }

    /** The audit repository library's view of {@link #store()}; its key and head file live under {@code dataDir}. */
    public AuditStoreConfig storeConfig(Path dataDir) {
        return switch (store.kind()) {
            case H2 -> AuditStoreConfig.h2(dataDir);
            case POSTGRESQL -> AuditStoreConfig.postgresql(store.jdbcUrl().orElseThrow(), store.user().orElseThrow(),
                    store.passwordFile().orElseThrow(), dataDir);
        };
    }

    public AuditRepositorySettings {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(retention, "retention");
    }
}
