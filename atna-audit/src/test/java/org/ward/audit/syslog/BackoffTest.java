package org.ward.audit.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesUpToTheMaximumAndResets() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));
        long[] delays = new long[9];
        for (int i = 0; i < delays.length; i++) {
            delays[i] = backoff.next().toMillis();
        }
        assertThat(delays).containsExactly(500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000);
        backoff.reset();
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(500));
    }
}
