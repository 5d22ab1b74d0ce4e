package org.ward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ward.audit.AuditFailurePolicy;
import org.ward.audit.AuditInbox;
import org.ward.audit.AuditPipeline;
import org.ward.audit.marshal.DicomAuditSchema;
import org.ward.audit.spool.SpoolConfig;
import org.ward.audit.spool.SpoolEntry;
import org.ward.audit.spool.SpoolListener;
import picocli.CommandLine;

/**
 * Every {@code ward pki} change becomes a Security Configuration record (110113 / 110129): the
 * command spools it into the audit inbox, and the engine's audit pipeline moves it into its spool.
 */
class PkiAuditTest {

    @TempDir
    Path temp;

    private final StringWriter out = new StringWriter();

    private int ward(String... args) {
        CommandLine cli = WardCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        return cli.execute(args);
    }

    @Test
    void initIssueRevokeAndCrlAreAuditedAndReachTheEngineSpool() throws Exception {
        Path pki = temp.resolve("var").resolve("pki");
        assertThat(ward("pki", "init", "--pki-dir", pki.toString())).isZero();
        assertThat(ward("pki", "issue", "--pki-dir", pki.toString(), "--profile", "device", "--cn", "monitor-9",
                "--eui64", "0123456789abcdef")).isZero();
        Matcher serial = Pattern.compile("serial: +([0-9A-F]+)").matcher(out.toString());
        assertThat(serial.find()).as(out.toString()).isTrue();
        assertThat(ward("pki", "revoke", "--pki-dir", pki.toString(), serial.group(1), "--reason", "keyCompromise")).isZero();

        Path spoolDir = temp.resolve("var").resolve("audit-spool");
        assertThat(AuditInbox.besideSpool(spoolDir)).isDirectory();
        List<String> records = new ArrayList<>();
        try (AuditPipeline pipeline = AuditPipeline.open(SpoolConfig.of(spoolDir), AuditFailurePolicy.CONTINUE,
                SpoolListener.NONE)) {
            for (SpoolEntry entry : pipeline.spool().read(pipeline.spool().drainPosition(), 100)) {
                DicomAuditSchema.validate(entry.payload());
                records.add(new String(entry.payload(), StandardCharsets.UTF_8));
            }
        }
        // init, CRL 1, issue, revoke, CRL 2: each one Security Configuration record.
        assertThat(records).hasSizeGreaterThanOrEqualTo(5).allSatisfy(xml -> assertThat(xml)
                .contains("csd-code=\"110113\"").contains("csd-code=\"110129\""));
        String serialDetail = "type=\"Certificate Serial\" value=\""
                + java.util.Base64.getEncoder().encodeToString(serial.group(1).getBytes(StandardCharsets.US_ASCII)) + "\"";
        assertThat(records).anySatisfy(xml -> assertThat(xml).contains("UserID=\"ward revoke\"").contains(serialDetail));
        assertThat(records).anySatisfy(xml -> assertThat(xml).contains("UserID=\"ward issue\"").contains(serialDetail));
        try (var left = Files.list(AuditInbox.besideSpool(spoolDir))) {
            assertThat(left.toList()).as("moved command spools are removed").isEmpty();
        }
    }
}
