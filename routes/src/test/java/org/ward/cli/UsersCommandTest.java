package org.ward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ward.audit.AuditFailurePolicy;
import org.ward.audit.AuditPipeline;
import org.ward.audit.spool.SpoolConfig;
import org.ward.audit.spool.SpoolEntry;
import org.ward.audit.spool.SpoolListener;
import picocli.CommandLine;

/** {@code ward users}: atomic edits of users.yaml with the roles of policy.yaml, each audited. */
class UsersCommandTest {

    @TempDir
    Path temp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int ward(String... args) {
        CommandLine cli = WardCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--config";
        all[args.length + 1] = temp.resolve("ward.yaml").toString();
        return cli.execute(all);
    }

    @Test
    void addGrantRevokeDisableEnableRemoveEditTheFileAndAreAudited() throws Exception {
        Files.writeString(temp.resolve("policy.yaml"), "roles: {auditor: a, analyst: b}\n");
        Files.writeString(temp.resolve("ward.yaml"), String.join("\n",
                "data-dir: " + temp.resolve("var"),
                "development-pki: true",
                "listeners:",
                "  - name: devices",
                "    bind: 127.0.0.1",
                "    port: 0",
                "    tls:",
                "      key-store: " + temp.resolve("var/pki/server.p12"),
                "      key-store-password-file: " + temp.resolve("var/pki/server.p12.password"),
                "      trust-anchors: " + temp.resolve("var/pki/trust-anchors.pem")) + "\n");

        assertThat(ward("users", "add", "alice@HOSPITAL.EXAMPLE", "--role", "auditor")).as(err.toString()).isZero();
        assertThat(ward("users", "grant", "alice@HOSPITAL.EXAMPLE", "analyst")).isZero();
        assertThat(ward("users", "revoke", "alice@HOSPITAL.EXAMPLE", "auditor")).isZero();
        assertThat(ward("users", "add", "bob@HOSPITAL.EXAMPLE", "--role", "auditor")).isZero();
        assertThat(ward("users", "disable", "bob@HOSPITAL.EXAMPLE")).isZero();
        assertThat(ward("users", "grant", "bob@HOSPITAL.EXAMPLE", "nurse")).as("unknown role").isEqualTo(1);
        assertThat(err.toString()).contains("nurse");

        out.getBuffer().setLength(0);
        assertThat(ward("users", "list")).isZero();
        assertThat(out.toString()).contains("alice@HOSPITAL.EXAMPLE  analyst\n")
                .contains("bob@HOSPITAL.EXAMPLE  auditor  (disabled)");
        assertThat(ward("users", "enable", "bob@HOSPITAL.EXAMPLE")).isZero();
        assertThat(ward("users", "remove", "bob@HOSPITAL.EXAMPLE")).isZero();
        assertThat(Files.readString(temp.resolve("users.yaml"))).contains("alice@HOSPITAL.EXAMPLE")
                .doesNotContain("bob@");

        List<String> records = records(temp.resolve("var").resolve("audit-spool"));
        assertThat(records).filteredOn(x -> x.contains("csd-code=\"110136\"")).as("grant, revoke").hasSize(2);
        assertThat(records).filteredOn(x -> x.contains("csd-code=\"110137\"")).as("add x2, disable, enable, remove")
                .hasSize(5);
        assertThat(records).allSatisfy(x -> assertThat(x).contains("UserID=\"ward users "));
    }

    @Test
    void withTheEmbeddedKdcAddGivesAPrincipalWithAPasswordShownOnceAndRemoveTakesItAway() throws Exception {
        Files.writeString(temp.resolve("policy.yaml"), "roles: {auditor: a}\n");
        Files.writeString(temp.resolve("ward.yaml"), String.join("\n",
                "data-dir: " + temp.resolve("var"),
                "development-pki: true",
                "api:",
                "  tls:",
                "    key-store: " + temp.resolve("var/pki/server.p12"),
                "    key-store-password-file: " + temp.resolve("var/pki/server.p12.password"),
                "eua:",
                "  kdc: embedded",
                "  realm: WARD.TEST",
                "listeners:",
                "  - name: devices",
                "    port: 0",
                "    tls:",
                "      key-store: " + temp.resolve("var/pki/server.p12"),
                "      key-store-password-file: " + temp.resolve("var/pki/server.p12.password"),
                "      trust-anchors: " + temp.resolve("var/pki/trust-anchors.pem")) + "\n");

        assertThat(ward("users", "add", "carol@WARD.TEST", "--role", "auditor")).as(err.toString()).isZero();
        assertThat(out.toString()).containsPattern("password for carol@WARD.TEST, shown once: [A-Za-z0-9]{20}");
        org.ward.kdc.EmbeddedKdcUsers kdc = new org.ward.kdc.EmbeddedKdcUsers(temp.resolve("var/kdc"), "WARD.TEST");
        assertThat(kdc.principals()).containsExactly("carol@WARD.TEST");
        String password = out.toString().replaceAll("(?s).*shown once: ([A-Za-z0-9]{20}).*", "$1");
        assertThat(Files.readString(kdc.file(), StandardCharsets.ISO_8859_1)).doesNotContain(password);

        // Another realm's user is only written to users.yaml: its principal is that realm's business.
        assertThat(ward("users", "add", "dan@HOSPITAL.EXAMPLE", "--role", "auditor")).isZero();
        assertThat(kdc.principals()).containsExactly("carol@WARD.TEST");

        assertThat(ward("users", "remove", "carol@WARD.TEST")).isZero();
        assertThat(kdc.principals()).isEmpty();
    }

    private static List<String> records(Path spoolDir) throws Exception {
        List<String> records = new ArrayList<>();
        try (AuditPipeline pipeline = AuditPipeline.open(SpoolConfig.of(spoolDir), AuditFailurePolicy.CONTINUE,
                SpoolListener.NONE)) {
            for (SpoolEntry entry : pipeline.spool().read(pipeline.spool().drainPosition(), 100)) {
                records.add(new String(entry.payload(), StandardCharsets.UTF_8));
            }
        }
        return records;
    }
}
