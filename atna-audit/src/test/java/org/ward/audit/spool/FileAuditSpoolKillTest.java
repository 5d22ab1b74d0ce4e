package org.ward.audit.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of a JVM in the middle of appending: every append that returned survives. */
class FileAuditSpoolKillTest {

    @TempDir
    Path dir;

    @Test
    void everyAppendThatReturnedSurvivesSigkill() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                SpoolKillChild.class.getName(), dir.toString(), "kill")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        long lastDurable = 0;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("durable ")) {
                    String[] f = line.split(" ");
                    assertThat(Long.parseLong(f[1])).isEqualTo(Long.parseLong(f[2]));
                    lastDurable = Long.parseLong(f[1]);
                    if (lastDurable == 1500) {
                        child.destroyForcibly(); // SIGKILL while it keeps appending
                        break;
                    }
                }
            }
        }
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isEqualTo(137); // 128 + SIGKILL

        SpoolConfig config = new SpoolConfig(dir, 64L << 20, 64 << 10, 4096, Duration.ofMillis(50));
        try (FileAuditSpool spool = FileAuditSpool.open(config, SpoolListener.NONE)) {
            long pending = spool.pending();
            System.out.printf("kill -9 after %d acknowledged appends: %d records recovered, %d bytes of torn tail"
                    + " truncated, %d segment(s)%n", lastDurable, pending, spool.recovery().truncatedBytes(),
                    spool.recovery().segments());
            assertThat(pending).isGreaterThanOrEqualTo(lastDurable);
            List<SpoolEntry> all = spool.read(1, (int) pending);
            assertThat(all).hasSize((int) pending);
            for (int i = 0; i < all.size(); i++) {
                SpoolEntry e = all.get(i);
                assertThat(e.sequence()).isEqualTo(i + 1);
                assertThat(new String(e.payload(), StandardCharsets.UTF_8))
                        .startsWith("<AuditMessage run=\"kill\" id=\"" + (i + 1) + "\">");
            }
            assertThat(spool.append("after".getBytes(StandardCharsets.UTF_8))).isEqualTo(pending + 1);
        }
    }
}
