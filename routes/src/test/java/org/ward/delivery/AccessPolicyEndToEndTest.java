package org.ward.delivery;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ward.engine.Pcd01Samples;
import org.ward.engine.WardFixture;
import org.ward.mllp.MllpClient;
import org.ward.pki.TestCertificates;
import org.ward.store.JournalQuery;

/**
 * The access policy over real MLLP/TLS: a device without the send role is refused before anything is
 * stored; a destination with a restricted view receives exactly its view (bytes checked at the
 * downstream receiver); a changed policy file takes effect, a broken one does not.
 */
class AccessPolicyEndToEndTest {

    private static final String ROLES = "roles: {monitor: bedside monitors, ehr-view: EHR without observations of BP}";

    @TempDir
    Path dir;

    @Test
    void aDeviceWithoutTheSendRoleGetsArAndASecurityAlertAndNothingIsStored() throws Exception {
        try (WardFixture ward = WardFixture.start(dir, WardFixture.options().policy(
                ROLES,
                "nodes: [{subject: 'CN=some-other-device*', roles: [monitor]}]",
                "rules: [{role: monitor, operation: send, message-type: ORU^R01, action: allow}]"));
             MllpClient device = ward.connectAsDevice()) {
            String ack = new String(device.exchange(Pcd01Samples.withControlId(Pcd01Samples.bloodPressure(), "NOROLE-1")
                    .getBytes(US_ASCII)), US_ASCII);

            assertThat(ack).contains("MSA|AR|NOROLE-1").contains("Access refused").doesNotContain("policy.yaml");
            List<String> alerts = records(ward, "110147");
            assertThat(alerts).hasSize(1);
            assertThat(alerts.get(0)).contains("NOROLE-1").contains("roles (none)").contains("default deny")
                    .doesNotContain("Doe").doesNotContain("789567");
            assertThat(ward.engine().journal().list(new JournalQuery(null, null, null, null, null, null, 0, 10))).isEmpty();
        }
    }

    @Test
    void aRestrictedDestinationReceivesItsViewAndTheAuditListsWhatWasRemoved() throws Exception {
        TestCertificates certificates = TestCertificates.create(dir.resolve("downstream"));
        try (MisbehavingReceiver receiver = Downstream.alwaysAa(certificates);
             WardFixture ward = WardFixture.start(Files.createDirectories(dir.resolve("ward")), WardFixture.options()
                     .top(Downstream.routeTo(receiver, certificates))
                     .policy(ROLES,
                             "nodes: [{profile: device, roles: [monitor]}]",
                             "destinations: {ehr: [ehr-view]}",
                             "rules:",
                             "  - {role: monitor, operation: send, message-type: ORU^R01, action: allow}",
                             "  - {role: monitor, operation: send, message-type: ORU^R01, target: PID-8, action: redact,"
                                     + " mask: U}",
                             "  - {role: ehr-view, operation: receive, message-type: ORU^R01, action: allow}",
                             "  - {role: ehr-view, operation: receive, message-type: ORU^R01, target: PID-5, action: redact}",
                             "  - role: ehr-view",
                             "    operation: receive",
                             "    message-type: ORU^R01",
                             "    target: OBX",
                             "    where: {OBX-3: [150021, MDC_PRESS_BLD_NONINV_DIA]}",
                             "    action: drop"));
             MllpClient device = ward.connectAsDevice()) {
            String ack = new String(device.exchange(Pcd01Samples.withControlId(Pcd01Samples.bloodPressure(), "VIEW-1")
                    .getBytes(US_ASCII)), US_ASCII);
            assertThat(ack).contains("MSA|AA|VIEW-1");
            await(() -> receiver.received().contains("VIEW-1"));

            String delivered = new String(receiver.payload("VIEW-1"), US_ASCII);
            List<String> segments = List.of(delivered.split("\r"));
            assertThat(segments).filteredOn(s -> s.startsWith("PID"))
                    .containsExactly("PID|||789567^^^Imaginary Hospital^PI|||||U");
            assertThat(segments).filteredOn(s -> s.startsWith("OBX")).extracting(s -> s.substring(0, 12))
                    .containsExactly("OBX|1||52839", "OBX|2||15002", "OBX|3|NM|150");
            assertThat(delivered).doesNotContain("150021^").doesNotContain("150022^").contains("150023^");
            await(() -> exports(ward).size() == 1);
            assertThat(exports(ward).get(0)).contains("AccessPolicyChange").contains("PID-5 redact")
                    .contains("OBX drop x2");
            assertThat(records(ward, "110107")).singleElement().asString().contains("PID-8 redact");
            assertThat(ward.audit().invalid()).isEmpty();
        }
    }

    @Test
    void aChangedPolicyFileTakesEffectAndABrokenOneKeepsThePreviousPolicy() throws Exception {
        String[] allowing = {ROLES, "nodes: [{profile: device, roles: [monitor]}]",
            "rules: [{role: monitor, operation: send, message-type: ORU^R01, action: allow}]"};
        try (WardFixture ward = WardFixture.start(dir, WardFixture.options().policy(allowing));
             MllpClient device = ward.connectAsDevice()) {
            assertThat(send(device, "HOT-1")).contains("MSA|AA|HOT-1");

            Files.writeString(dir.resolve("policy.yaml"), String.join("\n", ROLES,
                    "nodes: [{profile: device, roles: [monitor]}]",
                    "rules: [{role: monitor, operation: send, message-type: ORU^R01, target: PDI, action: drop}]") + "\n");
            await(() -> securityRolesChanged(ward).size() == 1);
            assertThat(securityRolesChanged(ward).get(0)).contains("EventOutcomeIndicator=\"4\"").contains("PDI");
            assertThat(send(device, "HOT-2")).as("previous policy still in force").contains("MSA|AA|HOT-2");

            Files.writeString(dir.resolve("policy.yaml"), String.join("\n", ROLES,
                    "nodes: [{profile: device, roles: [monitor]}]",
                    "rules: [{role: monitor, operation: send, message-type: ORU^R40, action: allow}]") + "\n");
            await(() -> securityRolesChanged(ward).size() == 2);
            assertThat(securityRolesChanged(ward).get(1)).contains("EventOutcomeIndicator=\"0\"").contains("reloaded");
            assertThat(send(device, "HOT-3")).as("new policy refuses ORU^R01").contains("MSA|AR|HOT-3");
        }
    }

    private static String send(MllpClient device, String controlId) throws Exception {
        return new String(device.exchange(Pcd01Samples.withControlId(Pcd01Samples.bloodPressure(), controlId)
                .getBytes(US_ASCII)), US_ASCII);
    }

    private static List<String> securityRolesChanged(WardFixture ward) {
        return records(ward, "110136");
    }

    private static List<String> exports(WardFixture ward) {
        return records(ward, "110106");
    }

    /** The records with this event ID or type, each followed by its decoded ParticipantObjectDetail values. */
    private static List<String> records(WardFixture ward, String code) {
        return ward.audit().xml().stream().filter(x -> x.contains("csd-code=\"" + code + "\"")).map(x -> {
            StringBuilder decoded = new StringBuilder(x);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("ParticipantObjectDetail type=\"[^\"]*\" value=\"([^\"]*)\"")
                    .matcher(x);
            while (m.find()) {
                decoded.append('\n').append(new String(java.util.Base64.getDecoder().decode(m.group(1)),
                        java.nio.charset.StandardCharsets.UTF_8));
            }
            return decoded.toString();
        }).toList();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).as("condition within 20 s").isTrue();
    }
}
