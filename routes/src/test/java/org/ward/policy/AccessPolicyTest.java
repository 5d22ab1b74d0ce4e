package org.ward.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ward.policy.PolicyFiles.BP;
import static org.ward.policy.PolicyFiles.compile;
import static org.ward.policy.PolicyFiles.roles;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessPolicyTest {

    @TempDir
    Path dir;

    private static final String[] HEADER = {
        "roles:",
        "  monitor: bedside monitors",
        "  billing: the billing system",
        "  nurse: ward nurses",
        "rules:",
    };

    private AccessPolicy policy(String... rules) {
        String[] lines = new String[HEADER.length + rules.length];
        System.arraycopy(HEADER, 0, lines, 0, HEADER.length);
        System.arraycopy(rules, 0, lines, HEADER.length, rules.length);
        return compile(dir, lines);
    }

    @Test
    void aRoleWithoutAnAllowingRuleIsRefusedByDefault() {
        AccessPolicy policy = policy("  - {role: monitor, operation: send, message-type: ORU^R40, action: allow}");

        PolicyResult result = policy.apply(roles("monitor"), Operation.SEND, BP);

        assertThat(result.permitted()).isFalse();
        assertThat(result.refusal().orElseThrow().rule()).isEmpty();
        assertThat(policy.apply(roles(), Operation.SEND, BP).permitted()).isFalse();
        assertThat(policy.apply(roles("monitor"), Operation.RECEIVE, BP).permitted()).as("other operation").isFalse();
    }

    @Test
    void anAllowedMessageWithoutNarrowerRulesPassesUnchanged() {
        AccessPolicy policy = policy("  - {role: monitor, operation: send, message-type: [ORU^R01, ORU^R40], action: allow}");

        PolicyResult result = policy.apply(roles("monitor"), Operation.SEND, BP);

        assertThat(result.permitted()).isTrue();
        assertThat(result.text()).isSameAs(BP);
        assertThat(result.changes()).isEmpty();
    }

    @Test
    void anExplicitRejectOfAMoreSpecificTypeBeatsAWildcardAllow() {
        AccessPolicy policy = policy(
                "  - {role: monitor, operation: send, message-type: '*', action: allow}",
                "  - {role: monitor, operation: send, message-type: ORU^R01, action: reject}");

        PolicyResult result = policy.apply(roles("monitor"), Operation.SEND, BP);

        assertThat(result.refusal().orElseThrow().rule().orElseThrow().source().line()).isEqualTo(7);
        assertThat(policy.permits(roles("monitor"), Operation.SEND, "ORU^R40")).isTrue();
    }

    @Test
    void redactsAFieldWithItsMaskAndAComponentAlone() {
        AccessPolicy policy = policy(
                "  - {role: billing, operation: receive, message-type: ORU^R01, action: allow}",
                "  - {role: billing, operation: receive, message-type: ORU^R01, target: PID-19, action: redact, mask: XXX}",
                "  - {role: billing, operation: receive, message-type: ORU^R01, target: PID-5.2, action: redact}");

        PolicyResult result = policy.apply(roles("billing"), Operation.RECEIVE, BP);

        assertThat(segment(result.text(), "PID")).isEqualTo("PID|||789567^^^Imaginary Hospital^PI||Doe^^Joseph^^^^L^A|||M|||||||||||XXX");
        assertThat(result.changes()).extracting(PolicyChange::toString).containsExactly("PID-5.2 redact", "PID-19 redact");
        assertThat(result.text()).contains("OBX|4|NM|149530");
    }

    @Test
    void dropsFilteredObservationsWithTheirNotesAndRenumbersSetIds() {
        AccessPolicy policy = policy(
                "  - {role: nurse, operation: read, message-type: ORU^R01, action: allow}",
                "  - role: nurse",
                "    operation: read",
                "    message-type: ORU^R01",
                "    target: OBX",
                "    where: {OBX-3: [MDC_PRESS_BLD_NONINV_SYS, 150022]}",
                "    action: drop");

        PolicyResult result = policy.apply(roles("nurse"), Operation.READ, BP);

        assertThat(result.text().split("\r")).extracting(s -> s.substring(0, Math.min(s.length(), 10)))
                .containsExactly("MSH|^~\\&|A", "PID|||7895", "OBR|1|AB12", "OBX|1||528", "NTE|1||cuf", "OBX|2|NM|1");
        assertThat(segment(result.text(), "OBX|2")).contains("149530^MDC_PULS_OXIM_PULS_RATE");
        assertThat(result.changes()).extracting(PolicyChange::toString).containsExactly("OBX drop x2", "NTE drop");
    }

    @Test
    void aSegmentRedactKeepsTheSetIdTheValueTypeAndAFieldAllowInsideIt() {
        AccessPolicy policy = policy(
                "  - {role: billing, operation: receive, message-type: ORU^R01, action: allow}",
                "  - {role: billing, operation: receive, message-type: ORU^R01, target: OBX, action: redact}",
                "  - {role: billing, operation: receive, message-type: ORU^R01, target: OBX-3, action: allow}");

        PolicyResult result = policy.apply(roles("billing"), Operation.RECEIVE, BP);

        assertThat(segment(result.text(), "OBX|2")).isEqualTo("OBX|2|NM|150021^MDC_PRESS_BLD_NONINV_SYS^MDC");
    }

    @Test
    void aPresentRejectedSegmentRefusesTheMessageAndAnAbsentOneDoesNot() {
        AccessPolicy policy = policy(
                "  - {role: monitor, operation: send, message-type: ORU^*, action: allow}",
                "  - {role: monitor, operation: send, message-type: ORU^*, target: NTE, action: reject}");

        assertThat(policy.apply(roles("monitor"), Operation.SEND, BP).refusal().orElseThrow().rule().orElseThrow()
                .source().line()).isEqualTo(7);
        String withoutNotes = String.join("\r", List.of(BP.split("\r")).stream().filter(s -> !s.startsWith("NTE")).toList());
        assertThat(policy.apply(roles("monitor"), Operation.SEND, withoutNotes).permitted()).isTrue();
    }

    @Test
    void severalRolesGetTheMostPermissiveDecision() {
        AccessPolicy policy = policy(
                "  - {role: billing, operation: read, message-type: ORU^R01, action: allow}",
                "  - {role: billing, operation: read, message-type: ORU^R01, target: OBX, action: drop}",
                "  - {role: nurse, operation: read, message-type: ORU^R01, action: allow}",
                "  - {role: nurse, operation: read, message-type: ORU^R01, target: PID-19, action: redact}");

        assertThat(policy.apply(roles("billing"), Operation.READ, BP).text()).doesNotContain("OBX");
        assertThat(policy.apply(roles("nurse"), Operation.READ, BP).text()).doesNotContain("123-45-6789");
        PolicyResult both = policy.apply(roles("billing", "nurse"), Operation.READ, BP);
        assertThat(both.text()).isEqualTo(BP);
    }

    @Test
    void nodeBindingsGiveRolesByCertificateAttributes() {
        AccessPolicy policy = compile(dir,
                "roles: {monitor: m, gateway: g}",
                "nodes:",
                "  - {profile: device, issuer: 'CN=Ward Development CA*', roles: [monitor]}",
                "  - {subject: 'CN=icu-gw-*,O=Hospital', roles: gateway}",
                "  - {eui64: '0123456789ab????', serial: '0A', roles: [gateway, monitor]}");
        var device = new org.ward.tls.PeerIdentity("CN=bp-1,O=Hospital", "CN=Ward Development CA,O=Ward",
                java.math.BigInteger.TWO, List.of(), List.of(), List.of("urn:dev:mac:0123456789abcdef"),
                List.of(org.ward.tls.PeerIdentity.CLIENT_AUTH));
        var gateway = new org.ward.tls.PeerIdentity("CN=icu-gw-3,O=Hospital", "CN=Other CA",
                java.math.BigInteger.TEN, List.of(), List.of(), List.of("urn:dev:mac:0123456789abcdef"),
                List.of(org.ward.tls.PeerIdentity.CLIENT_AUTH, org.ward.tls.PeerIdentity.SERVER_AUTH));

        assertThat(policy.rolesOf(device)).containsExactly("monitor");
        assertThat(policy.rolesOf(gateway)).containsExactly("gateway", "monitor");
    }

    static String segment(String message, String prefix) {
        for (String segment : message.split("\r")) {
            if (segment.startsWith(prefix)) {
                return segment;
            }
        }
        throw new AssertionError("no segment " + prefix + " in " + message.replace('\r', '\n'));
    }
}
