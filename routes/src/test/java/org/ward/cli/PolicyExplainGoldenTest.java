package org.ward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * {@code ward policy explain} against golden files: the decision and rule for every segment and field
 * of one PCD-01 under the policy in {@code src/test/resources/policy-explain/}. A change in wording
 * or in a decision shows up as a diff here. Regenerate a golden file by running the command shown in
 * its first line from the routes folder, after checking every changed decision by hand.
 */
class PolicyExplainGoldenTest {

    private static final Path DIR = Path.of("src/test/resources/policy-explain");

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "ehr,         receive, 0, ehr-receive.golden",
        "monitor,     send,    1, monitor-send.golden",
        "billing,     receive, 0, billing-receive.golden",
        "'billing,ehr', receive, 0, billing-ehr-receive.golden",
        "ehr,         read,    1, ehr-read.golden",
    })
    void explainMatchesTheGoldenFile(String roles, String operation, int exit, String golden) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = WardCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));

        int status = cli.execute("policy", "explain", "--role", roles, "--operation", operation,
                "--message", DIR.resolve("pcd-01.hl7").toString(), "--policy", DIR.resolve("policy.yaml").toString());

        assertThat(err.toString()).isEmpty();
        assertThat(out.toString()).isEqualTo(Files.readString(DIR.resolve(golden), StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(exit);
    }
}
