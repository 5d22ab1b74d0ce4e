package org.ward.audit.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ward.schema.AppliedSchema;

class AuditSchemaTest {

    private static final Pattern SCRIPT = Pattern.compile("V(\\d+)__.*\\.sql");

    @TempDir
    Path dataDir;

    @Test
    void schemaVersionNamesTheNewestMigrationScript() throws Exception {
        assertThat(AuditConnections.SCHEMA_VERSION).isEqualTo(newestScript("db/audit-migration"));
    }

    @Test
    void aMigratedStoreIsAtTheSchemaVersionAndAnOlderOrFailedHistoryIsNot() throws Exception {
        AuditStoreConfig config = AuditStoreConfig.h2(dataDir);
        AuditStore.open(config, new RepositoryStats(), Clock.systemUTC()).close();
        AuditConnections connections = AuditConnections.forWriting(config);
        try (Connection connection = connections.open(); Statement sql = connection.createStatement()) {
            assertThat(AppliedSchema.isAt(connection, AuditConnections.HISTORY_TABLE, AuditConnections.SCHEMA_VERSION))
                    .as("the history Flyway wrote, read directly").isTrue();
            assertThat(AppliedSchema.isAt(connection, AuditConnections.HISTORY_TABLE, "2")).isFalse();
            assertThat(AppliedSchema.isAt(connection, "no_such_history", AuditConnections.SCHEMA_VERSION)).isFalse();

            sql.execute("UPDATE \"" + AuditConnections.HISTORY_TABLE + "\" SET \"success\" = FALSE WHERE \"version\" = '"
                    + AuditConnections.SCHEMA_VERSION + "'");
            assertThat(AppliedSchema.isAt(connection, AuditConnections.HISTORY_TABLE, AuditConnections.SCHEMA_VERSION))
                    .as("a failed newest migration leaves the decision to Flyway").isFalse();
        }
    }

    /** The highest N of the V{N}__*.sql scripts in a classpath folder. */
    static String newestScript(String folder) throws URISyntaxException, java.io.IOException {
        Path dir = Path.of(AuditSchemaTest.class.getClassLoader().getResource(folder).toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return String.valueOf(files.map(f -> SCRIPT.matcher(f.getFileName().toString()))
                    .filter(Matcher::matches).mapToInt(m -> Integer.parseInt(m.group(1))).max().orElseThrow());
        }
    }
}
