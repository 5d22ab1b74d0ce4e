package org.ward.store;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ward.engine.Pcd01Samples;
import org.ward.engine.WardFixture;
import org.ward.mllp.MllpClient;

/**
 * Storage failure end to end: Ward's journal on a real PostgreSQL that is stopped while Ward runs.
 * A message that cannot be committed is never acknowledged AA/CA: the sender gets AE (application
 * ACK) or CE (accept ACK) with ERR 207; when the database is back, Ward takes messages again
 * without a restart.
 */
class JournalFailureTest {

    @TempDir
    static Path dir;
    static PostgresCluster postgres;
    static WardFixture ward;

    @BeforeAll
    static void start() throws Exception {
        postgres = PostgresCluster.start();
        postgres.createDatabase("ward_engine");
        ward = WardFixture.start(dir, WardFixture.options().top(
                "journal:",
                "  kind: postgresql",
                "  url: " + postgres.url("ward_engine"),
                "  user: " + PostgresCluster.USER,
                "  password-file: " + postgres.passwordFile()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (ward != null) {
            ward.close();
        }
        if (postgres != null) {
            postgres.destroy();
        }
    }

    private static String msa(byte[] ack) {
        for (String segment : new String(ack, US_ASCII).split("\r")) {
            if (segment.startsWith("MSA|")) {
                return segment;
            }
        }
        throw new AssertionError("no MSA in " + new String(ack, US_ASCII));
    }

    @Test
    void aJournalThatCannotCommitMakesTheListenerAnswerAeOrCeAndRecoversByItself() throws Exception {
        // NE/AL as the sample sends (PCD requires MSH-15/16): one application ACK, AA or AE.
        String original = Pcd01Samples.bloodPressure();
        try (MllpClient client = ward.connectAsDevice()) {
            assertThat(msa(client.exchange(Pcd01Samples.withControlId(original, "BEFORE").getBytes(US_ASCII))))
                    .isEqualTo("MSA|AA|BEFORE");
            long stored = ward.engine().journal().count();

            postgres.stop();
            String ack = new String(client.exchange(Pcd01Samples.withControlId(original, "DOWN-1").getBytes(US_ASCII)),
                    US_ASCII);
            assertThat(ack).contains("MSA|AE|DOWN-1\r").contains("|207^Application internal error^HL70357|E");
            String enhanced = Pcd01Samples.withControlId(Pcd01Samples.withMsh(Pcd01Samples.bloodPressure(), 15, "AL"),
                    "DOWN-2");
            assertThat(msa(client.exchange(enhanced.getBytes(US_ASCII)))).isEqualTo("MSA|CE|DOWN-2");

            postgres.startServer();
            assertThat(msa(client.exchange(Pcd01Samples.withControlId(original, "AFTER").getBytes(US_ASCII))))
                    .isEqualTo("MSA|AA|AFTER");
            assertThat(ward.engine().journal().count()).isEqualTo(stored + 1);
        }
    }
}
