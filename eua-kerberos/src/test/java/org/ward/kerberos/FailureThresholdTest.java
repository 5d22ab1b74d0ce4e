package org.ward.kerberos;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FailureThresholdTest {

    final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void alertsOncePerWindowWhenOneAddressGoesBeyondTheThreshold() throws Exception {
        FailureThreshold threshold = new FailureThreshold(3, Duration.ofMinutes(5), 100);
        InetAddress a = InetAddress.getByName("192.0.2.1");
        InetAddress b = InetAddress.getByName("192.0.2.2");
        assertThat(threshold.failed(a, t0)).isFalse();
        assertThat(threshold.failed(a, t0.plusSeconds(1))).isFalse();
        assertThat(threshold.failed(b, t0.plusSeconds(1))).isFalse();
        assertThat(threshold.failed(a, t0.plusSeconds(2))).isFalse();
        assertThat(threshold.failed(a, t0.plusSeconds(3))).isTrue();
        assertThat(threshold.failed(a, t0.plusSeconds(4))).isFalse();
        // Failures older than the window no longer count; a new run alerts again.
        Instant later = t0.plus(Duration.ofMinutes(20));
        for (int i = 0; i < 3; i++) {
            assertThat(threshold.failed(a, later.plusSeconds(i))).isFalse();
        }
        assertThat(threshold.failed(a, later.plusSeconds(3))).isTrue();
    }

    @Test
    void forgetsTheLeastRecentAddressesBeyondItsBound() throws Exception {
        FailureThreshold threshold = new FailureThreshold(1, Duration.ofMinutes(5), 2);
        InetAddress a = InetAddress.getByName("192.0.2.1");
        threshold.failed(a, t0);
        threshold.failed(InetAddress.getByName("192.0.2.2"), t0);
        threshold.failed(InetAddress.getByName("192.0.2.3"), t0);
        assertThat(threshold.failed(a, t0.plusSeconds(1))).as("a was forgotten, so this is its first failure").isFalse();
    }
}
