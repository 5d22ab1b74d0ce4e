package org.ward.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.ward.config.ListenerConfig;
import org.ward.config.TlsConfig;
import org.ward.hl7.ErrorLocation;
import org.ward.profile.ClaimedDevice;
import org.ward.tls.PeerIdentity;
import org.ward.tls.TlsProtocol;

class DeviceIdentityBindingTest {

    private static final String DEVICE_A = "0123456789abcdef";
    private static final String DEVICE_B = "fedcba9876543210";

    private static final ListenerConfig LISTENER = new ListenerConfig("devices", "127.0.0.1", 0, 1024,
            Duration.ofMinutes(5), StandardCharsets.UTF_8, false,
            new TlsConfig(Path.of("k.p12"), Path.of("k.pw"), Path.of("ca.pem"), List.of(TlsProtocol.TLS_1_3)),
            ListenerConfig.ALL_TRANSACTIONS, true, Map.of("CN=icu-gateway-1,O=Hospital", Set.of(DEVICE_A, DEVICE_B)));

    private final DeviceIdentityBinding binding = new DeviceIdentityBinding(LISTENER);

    private static PeerIdentity peer(String subject, String... uris) {
        return new PeerIdentity(subject, "CN=Issuing CA", BigInteger.TEN, List.of(), List.of(), List.of(uris));
    }

    private static ClaimedDevice obx18(String eui64) {
        return new ClaimedDevice(eui64, new ErrorLocation("OBX", 1, 18, 1, 1));
    }

    @Test
    void aDeviceMaySpeakForItselfOnly() {
        PeerIdentity deviceA = peer("SERIALNUMBER=" + DEVICE_A + ",CN=monitor-a", "urn:dev:mac:" + DEVICE_A);
        assertThat(binding.check(deviceA, List.of(obx18(DEVICE_A), obx18(DEVICE_A)))).isEmpty();
        assertThat(binding.check(deviceA, List.of(obx18(DEVICE_A), obx18(DEVICE_B)))).hasValueSatisfying(problem -> {
            assertThat(problem.code().getCode()).isEqualTo(103);
            assertThat(problem.location()).contains(new ErrorLocation("OBX", 1, 18, 1, 1));
            assertThat(problem.text()).contains("OBX-18").doesNotContain(DEVICE_B);
        });
    }

    @Test
    void aGatewaySpeaksForItsConfiguredDevicesWhateverTheDnSpelling() {
        PeerIdentity gateway = peer("CN=icu-gateway-1, O=Hospital");
        assertThat(binding.check(gateway, List.of(obx18(DEVICE_A), obx18(DEVICE_B)))).isEmpty();
        assertThat(binding.check(gateway, List.of(obx18("1111222233334444")))).isPresent();
    }

    @Test
    void anyOtherCertificateSpeaksForNoDevice() {
        PeerIdentity ehr = peer("CN=dev-ehr");
        assertThat(binding.check(ehr, List.of(obx18(DEVICE_A)))).isPresent();
        assertThat(binding.check(ehr, List.of())).as("a message naming no device").isEmpty();
    }
}
