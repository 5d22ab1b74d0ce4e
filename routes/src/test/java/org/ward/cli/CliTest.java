package org.ward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ward.engine.Pcd01Samples;
import org.ward.engine.WardFixture;
import picocli.CommandLine;

/** The ward CLI in-process: exit codes and what the operator reads. */
class CliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int ward(String... args) {
        CommandLine cli = WardCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void helpListsEveryCommandWithADescription() {
        assertThat(ward("--help")).isZero();
        assertThat(out.toString()).contains("run ", "check-config ", "send ");
    }

    @Test
    void checkConfigReportsThreeDifferentMistakesWithLineNumbersAndExits2(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("ward.yaml");
        Files.writeString(yaml, String.join("\n",
                "data-dir: var",                          // 1
                "development-pki: true",                  // 2
                "listeners:",                             // 3
                "  - name: devices",                      // 4
                "    port: 70000",                        // 5  mistake 1: not a port
                "    need-client-auth: false",            // 6  mistake 2: unknown key
                "    tls:",                               // 7
                "      key-store: var/pki/server.p12",
                "      key-store-password-file: var/pki/server.p12.password",
                "      trust-anchors: var/pki/trust-anchors.pem",
                "      protocols: [TLSv1.3, TLSv1.1]",    // 11 mistake 3: below the TLS 1.2 floor
                ""), StandardCharsets.UTF_8);

        int exit = ward("check-config", yaml.toString());

        assertThat(exit).isEqualTo(2);
        String report = err.toString();
        assertThat(report).contains(yaml + ":5:11 listeners[0].port: ");
        assertThat(report).contains(yaml + ":6:5 listeners[0].need-client-auth: unknown key");
        assertThat(report).containsPattern(java.util.regex.Pattern.quote(yaml + ":11:") + "\\d+ listeners\\[0\\]\\.tls\\.protocols\\[1\\]: TLSv1.1");
        assertThat(report).contains("3 errors in the configuration");
    }

    @Test
    void checkConfigAcceptsTheShippedDefault() {
        // The shipped default relies on the development PKI, created on first run.
        Path shipped = Path.of(System.getProperty("ward.project.root"), "config", "ward.yaml");
        assertThat(ward("check-config", shipped.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("OK");
    }

    @Test
    void checkConfigOnAMissingFileExits2() {
        assertThat(ward("check-config", "/nonexistent/ward.yaml")).isEqualTo(2);
        assertThat(err.toString()).contains("/nonexistent/ward.yaml:1:1");
    }

    @Test
    void checkConfigReadsTheCamelRouteFilesNextToWardYaml(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("ward.yaml");
        Files.writeString(yaml, String.join("\n",
                "data-dir: var",
                "development-pki: true",
                "destinations:",
                "  - name: alarm-files",                  // 4: no route consumes it
                "    type: camel",
                "listeners:",
                "  - name: devices",
                "    port: 2575",
                "    tls:",
                "      key-store: var/pki/server.p12",
                "      key-store-password-file: var/pki/server.p12.password",
                "      trust-anchors: var/pki/trust-anchors.pem",
                ""), StandardCharsets.UTF_8);
        Path route = Files.createDirectories(dir.resolve("routes")).resolve("alarms.yaml");
        Files.writeString(route, String.join("\n",
                "- route:",
                "    from:",
                "      uri: ward:alarm-file",                 // 3: a typo
                "      steps:",
                "        - log: alarm",
                ""), StandardCharsets.UTF_8);

        assertThat(ward("check-config", yaml.toString())).isEqualTo(2);
        assertThat(err.toString())
                .contains(yaml + ":4:5 destinations[0]: no Camel route starts from ward:alarm-files")
                .contains(route + ":3:12 from: the route at line 3 starts from ward:alarm-file, but ward.yaml has no"
                        + " camel destination named 'alarm-file'")
                .contains("2 errors in the configuration");
    }

    @Test
    void runRefusesToStartOnABadConfigWithTheSameReport(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("ward.yaml");
        Files.writeString(yaml, "listeners:\n  - name: devices\n    port: 2575\n    tsl: {}\n");
        assertThat(ward("run", "--config", yaml.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(yaml + ":4:5 listeners[0].tsl: unknown key").contains("not started");
    }

    @Test
    void sendPrintsMsaAndExitsZeroWhenEveryAckIsPositive(@TempDir Path dir) throws Exception {
        Path message = dir.resolve("two-messages.hl7");
        // LF endings and two messages in one file, as people keep them.
        String sample = Pcd01Samples.bloodPressure();
        Files.writeString(message, (Pcd01Samples.withControlId(sample, "FIRST") + "\r"
                + Pcd01Samples.withControlId(sample, "SECOND")).replace('\r', '\n'), StandardCharsets.ISO_8859_1);
        try (WardFixture ward = WardFixture.start(dir)) {
            int exit = ward("send", "--to", "localhost:" + ward.port(), "--cert", ward.pki().deviceP12().toString(),
                    "--trust", ward.pki().trustAnchors().toString(), message.toString());
            assertThat(exit).as(err.toString()).isZero();
            assertThat(out.toString()).contains(message + "#1: AA FIRST", message + "#2: AA SECOND");
        }
    }

    @Test
    void sendExitsNonZeroAndPrintsTheErrWhenAMessageIsRefused(@TempDir Path dir) throws Exception {
        Path message = dir.resolve("bad-charset.hl7");
        Files.writeString(message, Pcd01Samples.withMsh(Pcd01Samples.withControlId(Pcd01Samples.bloodPressure(), "BAD-1"),
                18, "EBCDIC"), StandardCharsets.ISO_8859_1);
        try (WardFixture ward = WardFixture.start(dir)) {
            int exit = ward("send", "--to", "127.0.0.1:" + ward.port(), "--cert", ward.pki().deviceP12().toString(),
                    "--trust", ward.pki().trustAnchors().toString(), message.toString());
            assertThat(exit).isEqualTo(1);
            assertThat(out.toString()).contains(message + ": AR BAD-1").contains("ERR E 103^Table value not found^HL70357 at MSH^1^18^1");
        }
    }

    @Test
    void sendFollowsEnhancedModeAllTheWay(@TempDir Path dir) throws Exception {
        String sample = Pcd01Samples.bloodPressure();
        Path both = dir.resolve("al-al.hl7");
        Files.writeString(both, Pcd01Samples.withMsh(Pcd01Samples.withMsh(sample, 15, "AL"), 16, "AL"), StandardCharsets.ISO_8859_1);
        Path none = dir.resolve("ne-ne.hl7");
        Files.writeString(none, Pcd01Samples.withMsh(Pcd01Samples.withMsh(sample, 15, "NE"), 16, "NE"), StandardCharsets.ISO_8859_1);
        Path onSuccess = dir.resolve("ne-su.hl7");
        Files.writeString(onSuccess, Pcd01Samples.withMsh(Pcd01Samples.withMsh(sample, 15, "NE"), 16, "SU"), StandardCharsets.ISO_8859_1);
        try (WardFixture ward = WardFixture.start(dir)) {
            int exit = ward("send", "--to", "localhost:" + ward.port(), "--cert", ward.pki().deviceP12().toString(),
                    "--trust", ward.pki().trustAnchors().toString(), "--grace-ms", "300",
                    both.toString(), none.toString(), onSuccess.toString());
            assertThat(exit).as(err.toString()).isZero();
            assertThat(out.toString()).contains(both + ": CA MSGID1234", both + ": AA MSGID1234",
                    none + ": sent; no acknowledgment", onSuccess + ": AA MSGID1234");
            assertThat(ward.stats().acceptedCount()).isEqualTo(3);
        }
    }

    @Test
    void sendWithAMalformedTargetIsAUsageError() {
        assertThat(ward("send", "--to", "localhost", "--cert", "x.p12", "m.hl7")).isEqualTo(2);
        assertThat(err.toString()).contains("--to must be HOST:PORT");
        assertThat(ward("send", "--to", "[::1]:99999", "--cert", "x.p12", "m.hl7")).isEqualTo(2);
    }

    @Test
    void sendRefusesAServerWhoseCertificateDoesNotMatchTheHostName(@TempDir Path dir) throws Exception {
        Path message = dir.resolve("m.hl7");
        Files.writeString(message, "MSH|^~\\&|DEV||WARD||20260101||ORU^R01^ORU_R01|X|P|2.6\rPID|||1\r");
        try (WardFixture ward = WardFixture.start(dir, "127.0.0.2", "5m", 1048576)) {
            // The development server certificate names localhost, 127.0.0.1 and ::1 only.
            int exit = ward("send", "--to", "127.0.0.2:" + ward.port(), "--cert", ward.pki().deviceP12().toString(),
                    "--trust", ward.pki().trustAnchors().toString(), message.toString());
            assertThat(exit).isNotZero();
            assertThat(err.toString()).contains("127.0.0.2");
            assertThat(ward.stats().receivedCount()).isZero();
        }
    }
}
