package org.ward.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Period;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ward.audit.repository.AuditStoreConfig;

/** The {@code audit-repository:} section. */
class AuditRepositoryRulesTest {

    private static final String LISTENER = ConfigFixture.listener("    port: 2575\n");
    private static final String TLS = """
              tls:
                key-store: server.p12
                key-store-password-file: server.p12.password
                trust-anchors: anchors.pem
            """;

    @TempDir
    Path home;

    private ConfigFixture fixture;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new ConfigFixture(home);
        for (String file : new String[] {"server.p12", "server.p12.password", "anchors.pem", "db.password"}) {
            Files.writeString(home.resolve(file), "x\n");
        }
    }

    @Test
    void withoutTheSectionNoRepositoryRuns() throws ConfigException {
        assertThat(fixture.load(LISTENER).auditRepository()).isEmpty();
    }

    @Test
    void defaultsAreLoopbackPort6514Frames64KibAndH2UnderTheDataDirectory() throws ConfigException {
        WardConfig config = fixture.load("audit-repository:\n" + TLS + LISTENER);
        AuditRepositorySettings repository = config.auditRepository().orElseThrow();
        assertThat(repository.bind()).isEqualTo("127.0.0.1");
        assertThat(repository.port()).isEqualTo(6514);
        assertThat(repository.maxFrameBytes()).isEqualTo(65536);
        assertThat(repository.tls().keyStore()).isEqualTo(home.resolve("server.p12"));
        assertThat(repository.retention()).isEmpty();
        AuditStoreConfig store = repository.storeConfig(config.dataDir());
        assertThat(store.kind()).isEqualTo(AuditStoreConfig.Kind.H2);
        assertThat(store.directory()).isEqualTo(config.dataDir().resolve("audit-repository"));
    }

    @Test
    void postgresqlAndRetentionAreRead() throws ConfigException {
        AuditRepositorySettings repository = fixture.load("""
                audit-repository:
                  port: 16514
                  max-frame-bytes: 131072
                """ + TLS + """
                  store:
                    kind: postgresql
                    url: jdbc:postgresql://127.0.0.1:5432/ward_audit
                    user: ward
                    password-file: db.password
                  retention:
                    keep: P7Y
                    archive-dir: archive
                """ + LISTENER).auditRepository().orElseThrow();
        assertThat(repository.port()).isEqualTo(16514);
        assertThat(repository.maxFrameBytes()).isEqualTo(131072);
        assertThat(repository.store().kind()).isEqualTo(AuditRepositorySettings.Store.Kind.POSTGRESQL);
        assertThat(repository.store().jdbcUrl()).contains("jdbc:postgresql://127.0.0.1:5432/ward_audit");
        assertThat(repository.retention().orElseThrow().keep().period()).isEqualTo(Period.ofYears(7));
        assertThat(repository.retention().orElseThrow().archiveDir()).isEqualTo(home.resolve("archive"));
    }

    @Test
    void eachMistakeIsReportedAtItsLine() {
        assertThat(fixture.errors("""
                audit-repository:
                  max-frame-bytes: 100
                  store:
                    kind: oracle
                  retention:
                    keep: 7 years
                  colour: blue
                """ + LISTENER))
                .extracting(ConfigError::line, ConfigError::keyPath)
                .containsExactly(tuple(2, "audit-repository.tls"), tuple(2, "audit-repository.max-frame-bytes"),
                        tuple(4, "audit-repository.store.kind"), tuple(6, "audit-repository.retention.keep"),
                        tuple(7, "audit-repository.colour"));
        assertThat(fixture.errors("audit-repository:\n" + TLS + "  store:\n    kind: postgresql\n" + LISTENER))
                .extracting(ConfigError::keyPath)
                .containsExactly("audit-repository.store.url", "audit-repository.store.user",
                        "audit-repository.store.password-file");
        assertThat(fixture.errors("audit-repository:\n" + TLS + "  store:\n    url: jdbc:h2:file:/tmp/x\n" + LISTENER))
                .extracting(ConfigError::keyPath).containsExactly("audit-repository.store.url");
    }
}
