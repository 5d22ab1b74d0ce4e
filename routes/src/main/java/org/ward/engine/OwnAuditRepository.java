package org.ward.engine;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ward.audit.repository.AuditRepository;
import org.ward.audit.repository.AuditRepositoryConfig;
import org.ward.audit.repository.RepositoryTlsCredentials;
import org.ward.config.AuditConfig;
import org.ward.config.AuditRepositorySettings;
import org.ward.config.WardConfig;
import org.ward.pki.DevelopmentPki;
import org.ward.pki.PemCertificates;
import org.ward.pki.PkiEventListener;
import org.ward.tls.KeyMaterial;

/**
 * Starts Ward's own audit repository ({@code audit-repository:}) and, when {@code audit.repository}
 * names no other one and the development PKI is on, points Ward's own audit sender at it with the
 * development audit client certificate. Runs once the engine is listening, so the development PKI
 * already exists.
 */
final class OwnAuditRepository {

    private static final Logger LOG = LoggerFactory.getLogger(OwnAuditRepository.class);

    private OwnAuditRepository() {
    }

    /** A running repository and the audit configuration Ward's sender should use with it. */
    record Started(AuditRepository repository, AuditConfig audit) {
    }

    static Optional<Started> start(WardConfig config, PkiEventListener pkiEvents) throws Exception {
        if (config.auditRepository().isEmpty()) {
            return Optional.empty();
        }
        AuditRepositorySettings settings = config.auditRepository().get();
        AuditRepository repository = AuditRepository.start(new AuditRepositoryConfig(settings.bind(), settings.port(),
                settings.maxFrameBytes(), Duration.ofSeconds(10), Runtime.getRuntime().availableProcessors(),
                credentials(settings.tls()), settings.storeConfig(config.dataDir())));
        try {
            AuditConfig audit = config.audit();
            if (audit.repository().isEmpty()) {
                if (config.developmentPki()) {
                    DevelopmentPki.CredentialFiles client = DevelopmentPki.auditClient(config.developmentPkiDir(),
                            pkiEvents);
                    audit = audit.withRepository(new AuditConfig.Repository(localHost(settings.bind()),
                            repository.address().getPort(), true, client.p12(), client.passwordFile(),
                            settings.tls().trustAnchors()));
                    LOG.info("Ward's own audit records go to its own audit repository on port {}",
                            repository.address().getPort());
                } else {
                    LOG.warn("audit-repository is running but audit.repository is not set: Ward's own audit records"
                            + " stay in the spool; point audit.repository at it with an audit client certificate");
                }
            }
            return Optional.of(new Started(repository, audit));
        } catch (IOException | RuntimeException e) {
            repository.close();
            throw e;
        }
    }

    private static RepositoryTlsCredentials credentials(AuditRepositorySettings.Tls tls)
            throws IOException, GeneralSecurityException {
        KeyMaterial keys = KeyMaterial.load(tls.keyStore(), tls.keyStorePasswordFile());
        return new RepositoryTlsCredentials(keys.keyStore(), keys.password(), PemCertificates.read(tls.trustAnchors()));
    }

    /** Where a sender on this machine reaches a repository bound to {@code bind}. */
    static String localHost(String bind) {
        return switch (bind) {
            case "0.0.0.0", "" -> "127.0.0.1";
            case "::", "[::]" -> "::1";
            default -> bind;
        };
    }

}
