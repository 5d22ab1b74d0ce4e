package org.ward.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code journal:} section. */
class JournalRulesTest {

    @TempDir
    Path home;

    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(home);
    }

    @Test
    void withoutAJournalSectionTheH2JournalWithGroupCommitIsUsed() throws ConfigException {
        JournalSettings journal = fixture.load(ConfigFixture.listener("    port: 2575\n")).journal();
        assertThat(journal.kind()).isEqualTo(JournalSettings.Kind.H2);
        assertThat(journal.groupCommit()).isTrue();
    }

    @Test
    void postgresqlNeedsUrlUserAndPasswordFile() throws Exception {
        Files.writeString(home.resolve("db.password"), "secret\n");
        JournalSettings journal = fixture.load("""
                journal:
                  kind: postgresql
                  url: jdbc:postgresql://127.0.0.1:5432/ward
                  user: ward
                  password-file: db.password
                  group-commit: false
                """ + ConfigFixture.listener("    port: 2575\n")).journal();
        assertThat(journal.kind()).isEqualTo(JournalSettings.Kind.POSTGRESQL);
        assertThat(journal.url()).contains("jdbc:postgresql://127.0.0.1:5432/ward");
        assertThat(journal.passwordFile()).contains(home.resolve("db.password"));
        assertThat(journal.groupCommit()).isFalse();

        assertThat(fixture.errors("journal:\n  kind: postgresql\n" + ConfigFixture.listener("    port: 2575\n")))
                .extracting(ConfigError::keyPath)
                .containsExactly("journal.url", "journal.user", "journal.password-file");
    }

    @Test
    void retentionIsADurationOfAtLeastAnHour() throws ConfigException {
        assertThat(fixture.load("journal:\n  retention: 720h\n" + ConfigFixture.listener("    port: 2575\n"))
                .journal().retention()).contains(java.time.Duration.ofDays(30));
        assertThat(fixture.load(ConfigFixture.listener("    port: 2575\n")).journal().retention()).isEmpty();
        assertThat(fixture.errors("journal:\n  retention: 5m\n" + ConfigFixture.listener("    port: 2575\n")))
                .extracting(ConfigError::line, ConfigError::keyPath).containsExactly(tuple(2, "journal.retention"));
    }

    @Test
    void mistakesAreReportedWithTheirLines() {
        assertThat(fixture.errors("""
                journal:
                  kind: oracle
                  url: jdbc:mysql://x/y
                """ + ConfigFixture.listener("    port: 2575\n")))
                .extracting(ConfigError::line, ConfigError::keyPath)
                .containsExactly(tuple(2, "journal.kind"), tuple(3, "journal.url"));
    }
}
