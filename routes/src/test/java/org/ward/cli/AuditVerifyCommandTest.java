package org.ward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ward.audit.repository.AuditStore;
import org.ward.audit.repository.AuditStoreConfig;
import org.ward.audit.repository.Records;
import org.ward.audit.repository.RepositoryStats;
import picocli.CommandLine;

/** {@code ward audit verify} on the repository under the data directory: intact, then tampered through JDBC. */
class AuditVerifyCommandTest {

    @TempDir
    Path temp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void intactStoreExitsZeroAndAnUpdatedRowExitsOneNamingIt() throws Exception {
        Path data = temp.resolve("var");
        writeConfig(data);
        AuditStoreConfig store = AuditStoreConfig.h2(data);
        try (AuditStore writer = AuditStore.open(store, new RepositoryStats(), Clock.systemUTC())) {
            for (int i = 1; i <= 30; i++) {
                writer.append(Records.importRow("PAT-" + i + "^^^HOSP&1.2.3&ISO^MR", "MSG-" + i));
            }
        }

        assertThat(verify()).as(out + "\n" + err).isZero();
        assertThat(err.toString()).contains("verifying [", "100 %");

        try (Connection c = DriverManager.getConnection(store.jdbcUrl() + ";IFEXISTS=TRUE", store.user(), "");
             Statement s = c.createStatement()) {
            s.execute("UPDATE audit_records SET event_outcome = '8' WHERE seq = 12");
        }
        out.getBuffer().setLength(0);
        assertThat(verify()).isEqualTo(1);
        assertThat(out.toString()).startsWith("TAMPERED").contains("first broken record 12");
    }

    @Test
    void withoutARepositoryItSaysSo() throws Exception {
        writeConfig(temp.resolve("var"));
        assertThat(verify()).isEqualTo(2);
        assertThat(err.toString()).contains("no audit repository in");
    }

    private int verify() {
        CommandLine cli = WardCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute("audit", "verify", "--config", temp.resolve("ward.yaml").toString());
    }

    private void writeConfig(Path data) throws Exception {
        Files.writeString(temp.resolve("ward.yaml"), String.join("\n",
                "data-dir: " + data,
                "development-pki: true",
                "listeners:",
                "  - name: devices",
                "    bind: 127.0.0.1",
                "    port: 0",
                "    tls:",
                "      key-store: " + data.resolve("pki/server.p12"),
                "      key-store-password-file: " + data.resolve("pki/server.p12.password"),
                "      trust-anchors: " + data.resolve("pki/trust-anchors.pem")) + "\n");
    }
}
