package org.ward.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A directory destination: files in delivery order, each complete the moment it is visible. */
class DirectoryWorkerTest {

    private static final Backoff FAST = new Backoff(Duration.ofMillis(20), Duration.ofMillis(100));

    @TempDir
    Path temp;

    @Test
    void messagesAppearAsCompleteFilesInOrderAndAreMarkedDelivered() throws Exception {
        Path out = temp.resolve("out");
        InMemoryDeliveryQueue queue = new InMemoryDeliveryQueue();
        Map<String, String> expected = new ConcurrentHashMap<>();
        List<Long> ids = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            String controlId = "MSG/" + i + " ^x";
            String payload = "MSH|^~\\&|DEV||WARD||20260101||ORU^R01^ORU_R01|" + controlId + "|P|2.6\r"
                    + "OBX|1|NM|x||" + "9".repeat(20_000) + "\r";
            long id = queue.add("archive", controlId, payload.getBytes(StandardCharsets.UTF_8));
            ids.add(id);
            expected.put(DirectoryWorker.fileName(id, controlId), payload);
        }
        RecordingDeliveryListener listener = new RecordingDeliveryListener();
        Files.createDirectories(out);
        List<String> incomplete = new ArrayList<>();
        AtomicBoolean watching = new AtomicBoolean(true);
        // A consumer polling the directory must only ever see whole .hl7 files.
        Thread watcher = new Thread(() -> {
            while (watching.get()) {
                try (Stream<Path> files = Files.list(out)) {
                    for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".hl7")).toList()) {
                        String content = Files.readString(file, StandardCharsets.UTF_8);
                        if (!content.equals(expected.get(file.getFileName().toString()))) {
                            incomplete.add(file.getFileName().toString());
                        }
                    }
                } catch (java.io.IOException e) {
                    incomplete.add(e.toString());
                }
            }
        });
        watcher.start();
        DirectoryWorker worker = new DirectoryWorker("archive", out, queue, listener, FAST, Clock.systemUTC());
        worker.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (queue.deliveredIds("archive").size() < ids.size() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            assertThat(worker.stop(Duration.ofSeconds(5))).isTrue();
            watching.set(false);
            watcher.join();
        }

        assertThat(queue.deliveredIds("archive")).containsExactlyElementsOf(ids);
        assertThat(incomplete).isEmpty();
        List<String> names;
        try (Stream<Path> files = Files.list(out)) {
            names = files.map(f -> f.getFileName().toString()).sorted().toList();
        }
        assertThat(names).as("no temporary files left, name order is delivery order")
                .containsExactlyElementsOf(ids.stream().map(id -> expected.keySet().stream()
                        .filter(n -> n.startsWith(String.format("%020d-", id))).findFirst().orElseThrow()).toList());
        assertThat(names.get(0)).isEqualTo(String.format("%020d", ids.get(0)) + "-MSG_1__x.hl7");
        assertThat(Files.getPosixFilePermissions(out.resolve(names.get(0))))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(listener.events()).hasSize(ids.size());
    }

    @Test
    void aFailedWriteIsRetriedAndTheMessageStaysFirstInLine() throws Exception {
        Path out = temp.resolve("out");
        Files.writeString(out, "a file where the directory should be");
        InMemoryDeliveryQueue queue = new InMemoryDeliveryQueue();
        long first = queue.add("archive", "A", "MSH|^~\\&|A\r".getBytes(StandardCharsets.UTF_8));
        long second = queue.add("archive", "B", "MSH|^~\\&|B\r".getBytes(StandardCharsets.UTF_8));
        DirectoryWorker worker = new DirectoryWorker("archive", out, queue, new RecordingDeliveryListener(), FAST,
                Clock.systemUTC());
        worker.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (queue.attempts(first) < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(queue.attempts(first)).isGreaterThanOrEqualTo(2);
            assertThat(queue.deliveredIds("archive")).isEmpty();

            Files.delete(out);
            deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (queue.deliveredIds("archive").size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } finally {
            worker.stop(Duration.ofSeconds(5));
        }
        assertThat(queue.deliveredIds("archive")).containsExactly(first, second);
    }
}
