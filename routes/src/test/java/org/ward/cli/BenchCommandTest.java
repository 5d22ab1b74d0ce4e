package org.ward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ward.engine.WardFixture;
import picocli.CommandLine;

/** {@code ward bench} against a running Ward (mutual TLS, validation, policy, journal, audit) and its baseline. */
class BenchCommandTest {

    @TempDir
    Path dir;

    @Test
    void closedLoopWithBaselineReportsThroughputLatencyAndTheRatio() throws Exception {
        try (WardFixture ward = WardFixture.start(dir, WardFixture.options().listener("    bind-device-identity: true"))) {
            Result result = bench(ward, "--connections", "2", "--warmup", "1s", "--duration", "2s", "--baseline", "--json");

            assertThat(result.status).as(result.err).isZero();
            assertThat(result.out).contains("\"baseline\"", "\"ratioToBaseline\"", "\"p99.9\"", "\"errors\" : { }");
            assertThat(number(result.out, "acknowledged")).as("target acknowledged").isPositive();
            assertThat(ward.engine().stats(WardFixture.LISTENER).acceptedCount()).as("Ward accepted the generated PCD-01")
                    .isGreaterThanOrEqualTo(number(result.out, "acknowledged"));
            assertThat(result.err).contains("target measuring");
        }
    }

    @Test
    void openLoopHoldsTheOfferedRate() throws Exception {
        try (WardFixture ward = WardFixture.start(dir)) {
            Result result = bench(ward, "--connections", "2", "--rate", "40", "--warmup", "1s", "--duration", "3s");

            assertThat(result.status).as(result.err).isZero();
            assertThat(result.out).contains("open loop at 40 msg/s offered", "errors      none");
            double perSecond = Double.parseDouble(result.out.replaceAll("(?s).*throughput\\s+(\\d+) msg/s.*", "$1"));
            assertThat(perSecond).isBetween(30.0, 50.0);
        }
    }

    private record Result(int status, String out, String err) {
    }

    private static Result bench(WardFixture ward, String... options) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = WardCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] args = new String[options.length + 7];
        args[0] = "bench";
        args[1] = "--to";
        args[2] = "127.0.0.1:" + ward.port();
        args[3] = "--cert";
        args[4] = ward.pki().deviceP12().toString();
        args[5] = "--trust";
        args[6] = ward.pki().trustAnchors().toString();
        System.arraycopy(options, 0, args, 7, options.length);
        int status = cli.execute(args);
        return new Result(status, out.toString(), err.toString());
    }

    /** The first {@code "name" : N} in the JSON: the target's, which is written before the baseline's. */
    private static long number(String json, String name) {
        return Long.parseLong(json.replaceAll("(?s).*?\"" + name + "\" : (\\d+).*", "$1"));
    }
}
