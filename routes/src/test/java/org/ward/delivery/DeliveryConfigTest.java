package org.ward.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link Backoff} and {@link DestinationConfig} check themselves when built. */
class DeliveryConfigTest {

    @Test
    void backoffDoublesFromMinAndStopsAtMax() {
        Backoff backoff = Backoff.DEFAULT;

        assertThat(backoff.delay(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.delay(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delay(7)).isEqualTo(Duration.ofSeconds(32));
        assertThat(backoff.delay(8)).isEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void backoffRefusesNonsense() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessage("back-off min must be positive: PT0S");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessage("back-off max PT1S is below min PT2S");
        assertThatThrownBy(() -> Backoff.DEFAULT.delay(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void destinationNamesItselfInErrors() {
        assertThatThrownBy(() -> config("ehr", 0, Duration.ofSeconds(30), 1 << 20))
                .hasMessage("destination ehr: port 0 is not in 1..65535");
        assertThatThrownBy(() -> config("ehr", 2575, Duration.ZERO, 1 << 20))
                .hasMessage("destination ehr: ack-timeout PT0S must be positive and below 24 days");
        assertThatThrownBy(() -> config("ehr", 2575, Duration.ofSeconds(30), 10))
                .hasMessage("destination ehr: max-frame-bytes 10 cannot hold an acknowledgement");
        assertThatThrownBy(() -> config(" ", 2575, Duration.ofSeconds(30), 1 << 20))
                .hasMessage("destination name must not be blank");
    }

    @Test
    void destinationToStringHoldsNoSecrets() {
        assertThat(config("ehr", 2575, Duration.ofSeconds(30), 1 << 20))
                .hasToString("destination ehr (ehr.example:2575, APPLICATION ack within PT30S)");
    }

    private static DestinationConfig config(String name, int port, Duration ackTimeout, int maxFrameBytes) {
        return new DestinationConfig(name, "ehr.example", port, Path.of("ward.p12"), Path.of("ward.p12.password"),
                Path.of("trust-anchors.pem"), ackTimeout, AckKind.APPLICATION, Backoff.DEFAULT, maxFrameBytes);
    }
}
