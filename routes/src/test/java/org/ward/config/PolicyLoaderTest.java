package org.ward.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ward.policy.PolicyDocument;

class PolicyLoaderTest {

    @TempDir
    Path dir;

    private List<String> errors(String... lines) throws IOException {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, String.join("\n", lines) + "\n");
        try {
            PolicyLoader.load(file, Set.of("ehr"));
            return List.of();
        } catch (ConfigException e) {
            return e.errors().stream().map(err -> err.line() + " " + err.keyPath() + ": " + err.message()).toList();
        }
    }

    @Test
    void readsAWellFormedPolicy() throws Exception {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, String.join("\n",
                "roles: {monitor: bedside monitors, ehr-feed: the EHR}",
                "nodes:",
                "  - {profile: device, roles: [monitor]}",
                "destinations: {ehr: [ehr-feed]}",
                "rules:",
                "  - {role: monitor, operation: send, message-type: [ORU^R01, ORU^R40], action: allow}",
                "  - {role: ehr-feed, operation: [receive, read], message-type: 'ADT^A*', target: PID-19, action: redact,"
                        + " mask: '***'}"));

        PolicyDocument policy = PolicyLoader.load(file, Set.of("ehr"));

        assertThat(policy.roles()).containsExactlyInAnyOrder("monitor", "ehr-feed");
        assertThat(policy.rules()).hasSize(3);
        assertThat(policy.rules().get(2).source().line()).isEqualTo(7);
        assertThat(policy.version()).hasSize(16);
    }

    @Test
    void unknownSegmentsFieldsAndRolesAreErrorsWithTheirLines() throws Exception {
        assertThat(errors(
                "roles: {monitor: m}",
                "rules:",
                "  - {role: monitor, operation: send, message-type: ORU^R01, target: PDI, action: drop}",
                "  - {role: monitor, operation: send, message-type: ORU^R01, target: PID-90, action: redact}",
                "  - {role: nurse, operation: send, message-type: ORU^R01, action: allow}",
                "  - {role: monitor, operation: write, message-type: ORU^R01, action: allow}",
                "  - {role: monitor, operation: send, message-type: ORU-R01, action: allow}",
                "  - {role: monitor, operation: send, message-type: ORU^R01, target: PID-5.x, action: redact}"))
                .containsExactly(
                        "3 rules[0].target: unknown segment 'PDI' (not in HL7 v2.6; site segments start with Z)",
                        "4 rules[1].target: PID has 39 fields; there is no PID-90",
                        "5 rules[2].role: unknown role 'nurse'; declare it under roles:",
                        "6 rules[3].operation: unknown operation 'write'; expected send, receive or read",
                        "7 rules[4].message-type: 'ORU-R01' is not a message type pattern; write ORU^R01, ADT^A*, ADT or *",
                        "8 rules[5].target: 'PID-5.x' is not a segment, field or component; write NTE, PID-19 or PID-5.1");
    }

    @Test
    void actionsThatDoNotFitTheirTargetAreErrors() throws Exception {
        assertThat(errors(
                "roles: {monitor: m}",
                "rules:",
                "  - {role: monitor, operation: send, message-type: ORU^R01, action: redact}",
                "  - {role: monitor, operation: send, message-type: ORU^R01, target: PID-19, action: drop}",
                "  - {role: monitor, operation: send, message-type: ORU^R01, target: OBR, action: drop}",
                "  - {role: monitor, operation: send, message-type: ORU^R01, target: MSH-10, action: redact}",
                "  - {role: monitor, operation: send, message-type: ORU^R01, target: NTE, action: drop, mask: x}",
                "  - {role: monitor, operation: send, message-type: ORU^R01, target: PID-19, action: redact, mask: 'a|b'}"))
                .containsExactly(
                        "3 rules[0].action: a rule without a target is about the whole message: allow or reject, not redact",
                        "4 rules[1].action: only segments can be dropped; redact PID-19 instead",
                        "5 rules[2].action: OBR cannot be dropped: the segments after it belong to it; reject the message or"
                                + " drop the segments you mean",
                        "6 rules[3].action: MSH-10 keeps the message valid and cannot be redacted",
                        "7 rules[4].mask: a mask needs a field or component target",
                        "8 rules[5].mask: a mask cannot contain HL7 delimiters (| ^ ~ \\ &) or line breaks");
    }

    @Test
    void contradictoryRepeatedAndShadowedRulesAreErrors() throws Exception {
        assertThat(errors(
                "roles: {monitor: m}",
                "rules:",
                "  - {role: monitor, operation: send, message-type: ORU^R01, target: NTE, action: drop}",
                "  - {role: monitor, operation: send, message-type: ORU^R01, target: NTE, action: allow}",
                "  - {role: monitor, operation: send, message-type: [ORU^R01], target: NTE, action: drop}",
                "  - {role: monitor, operation: send, message-type: ORU^R01, target: NTE-3, action: redact}",
                "  - {role: monitor, operation: send, message-type: ORU^R01, target: OBX, where: {OBX-3: [1, 2]}, action: drop}",
                "  - {role: monitor, operation: send, message-type: ORU^R01, target: OBX, where: {OBX-3: [2, 3]}, action: allow}"))
                .containsExactly(
                        "4 rules: contradicts the rule on line 3 (role monitor, send ORU^R01, NTE: drop there, allow here)",
                        "5 rules: repeats the rule on line 3 (role monitor, send ORU^R01, NTE: drop there, drop here)",
                        "5 rules: contradicts the rule on line 4 (role monitor, send ORU^R01, NTE: allow there, drop here)",
                        "6 rules: the rule on line 6 (NTE-3) can never apply: the rule on line 3 drops every NTE (role monitor,"
                                + " send ORU^R01)",
                        "6 rules: the rule on line 6 (NTE-3) can never apply: the rule on line 5 drops every NTE (role monitor,"
                                + " send ORU^R01)",
                        "8 rules: contradicts the rule on line 7 (role monitor, send ORU^R01): a segment can match both filters,"
                                + " OBX where OBX-3 in [1, 2] and OBX where OBX-3 in [2, 3]");
    }

    @Test
    void bindingsMustNameDeclaredRolesAndKnownDestinations() throws Exception {
        assertThat(errors(
                "roles: {monitor: m}",
                "nodes:",
                "  - {roles: [monitor]}",
                "  - {profile: toaster, roles: [monitor]}",
                "  - {subject: 'CN=x', roles: [nurse]}",
                "destinations: {lab: [monitor]}"))
                .containsExactly(
                        "3 nodes[0]: a node binding must match at least one of subject, issuer, serial, eui64, profile",
                        "4 nodes[1].profile: unknown certificate profile 'toaster'; expected device, gateway, client or server",
                        "5 nodes[2].roles: unknown role 'nurse'; roles: monitor",
                        "6 destinations.lab: no destination 'lab' in ward.yaml; it declares ehr");
    }

    @Test
    void aMissingFileIsReported() {
        assertThatThrownBy(() -> PolicyLoader.load(dir.resolve("none.yaml"), Set.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("does not exist");
    }
}
