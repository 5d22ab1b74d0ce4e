package org.ward.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.ward.config.ConfigException;
import org.ward.config.PolicyLoader;
import org.ward.policy.AccessPolicy;
import org.ward.policy.Operation;
import org.ward.policy.PolicyResult;

/**
 * Access policy evaluation (issue 7: "a 50-segment PCD-01 with 20 rules, aim under 10 µs") on a
 * PCD-01 of MSH, PID, OBR, 45 OBX and 2 NTE, with a policy of 20 rules over four roles.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PolicyBenchmark {

    static final List<String> POLICY = List.of(
            "roles: {monitor: m, gateway: g, ehr: e, billing: b}",
            "nodes: [{profile: device, roles: [monitor]}]",
            "destinations: {}",
            "rules:",
            "  - {role: monitor, operation: send, message-type: [ORU^R01, ORU^R40], action: allow}",
            "  - {role: monitor, operation: send, message-type: ORU^R01, target: ZDX, action: reject}",
            "  - {role: monitor, operation: send, message-type: ORU^R01, target: PID-19, action: redact}",
            "  - {role: gateway, operation: send, message-type: '*', action: allow}",
            "  - {role: gateway, operation: send, message-type: '*', target: NTE, action: drop}",
            "  - {role: ehr, operation: receive, message-type: 'ORU^*', action: allow}",
            "  - {role: ehr, operation: receive, message-type: 'ORU^*', target: NTE, action: drop}",
            "  - {role: ehr, operation: receive, message-type: 'ORU^*', target: PID-19, action: redact, mask: '***'}",
            "  - {role: ehr, operation: receive, message-type: 'ORU^*', target: PID-5.2, action: redact}",
            "  - {role: ehr, operation: receive, message-type: 'ORU^*', target: OBX, where: {OBX-3: [150456, 149530]},"
                    + " action: drop}",
            "  - {role: ehr, operation: receive, message-type: 'ORU^*', target: OBX-18, action: redact}",
            "  - {role: ehr, operation: receive, message-type: 'ORU^*', target: PV1, action: drop}",
            "  - {role: ehr, operation: receive, message-type: 'ORU^*', target: PID-11, action: redact}",
            "  - {role: billing, operation: receive, message-type: '*', action: allow}",
            "  - {role: billing, operation: receive, message-type: '*', target: OBX, action: drop}",
            "  - {role: billing, operation: receive, message-type: '*', target: NTE, action: drop}",
            "  - {role: billing, operation: receive, message-type: '*', target: PID-19, action: redact}",
            "  - {role: billing, operation: read, message-type: '*', action: allow}",
            "  - {role: billing, operation: read, message-type: '*', target: OBX-5, action: redact}",
            "  - {role: billing, operation: read, message-type: '*', target: OBR-4, action: redact}");

    private AccessPolicy policy;
    private String message;
    private String unchanged;
    private final Set<String> monitor = Set.of("monitor");
    private final Set<String> ehr = Set.of("ehr");

    @Setup
    public void setUp() throws IOException, ConfigException {
        Path file = Files.createTempFile("policy", ".yaml");
        Files.writeString(file, String.join("\n", POLICY) + "\n");
        try {
            policy = AccessPolicy.compile(PolicyLoader.load(file, null));
        } finally {
            Files.delete(file);
        }
        if (policy.document().rules().size() != 20) {
            throw new IllegalStateException("the benchmark policy must have 20 rules, has " + policy.document().rules().size());
        }
        message = fiftySegments();
        unchanged = message.replace("|123-45-6789", "");
        if (policy.apply(monitor, Operation.SEND, unchanged).changed()) {
            throw new IllegalStateException("the unchanged sample must pass unchanged");
        }
        if (!policy.apply(ehr, Operation.RECEIVE, message).changed()) {
            throw new IllegalStateException("the receive view must change the message");
        }
    }

    static String fiftySegments() {
        List<String> segments = new ArrayList<>(List.of(
                "MSH|^~\\&|AcmeInc^ACDE48234567ABCD^EUI-64||||20090713090030+0500||ORU^R01^ORU_R01|MSGID1234|P|2.6|||NE|AL"
                        + "|||||IHE PCD ORU-R01 2006^HL7^1.3.6.1.4.1.19376.1.6.1.1.1^ISO",
                "PID|||789567^^^Imaginary Hospital^PI||Doe^John^Joseph^^^^L^A|||M|||||||||||123-45-6789",
                "OBR|1|AB12345^AcmeAHDInc^ACDE48234567ABCD^EUI-64|CD12345^AcmeAHDInc^ACDE48234567ABCD^EUI-64"
                        + "|528391^MDC_DEV_SPEC_PROFILE_BP^MDC|||20090813095715+0500"));
        int[] codes = {150021, 150022, 150023, 149530, 150456, 188736, 151562, 152664, 150033};
        for (int i = 1; i <= 45; i++) {
            int code = codes[i % codes.length];
            segments.add("OBX|" + i + "|NM|" + code + "^MDC_CODE_" + code + "^MDC|1.0.1." + i + "|" + (60 + i)
                    + "|266016^MDC_DIM_MMHG^MDC|||||R|||20090813095715+0500||||0123456789ABCDEF^EUI-64");
            if (i == 20 || i == 40) {
                segments.add("NTE|1||cuff repositioned");
            }
        }
        if (segments.size() != 50) {
            throw new IllegalStateException("expected 50 segments, built " + segments.size());
        }
        return String.join("\r", segments) + "\r";
    }

    /** A device's send check: allowed, PID-19 redacted (the inbound path for every message). */
    @Benchmark
    public PolicyResult sendWithOneRedaction() {
        return policy.apply(monitor, Operation.SEND, message);
    }

    /** A device's send check of a message the rules leave as it is (no PID-19). */
    @Benchmark
    public PolicyResult sendUnchanged() {
        return policy.apply(monitor, Operation.SEND, unchanged);
    }

    /** An EHR's receive view: two NTE and ten OBX dropped, set IDs renumbered, four fields redacted. */
    @Benchmark
    public PolicyResult receiveView() {
        return policy.apply(ehr, Operation.RECEIVE, message);
    }
}
