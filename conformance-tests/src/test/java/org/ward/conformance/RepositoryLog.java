package org.ward.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Follows the file rsyslog writes (one received message per line) and parses each record once,
 * as it arrives; a polling test reads only what is new.
 */
final class RepositoryLog {

    private final Path file;
    private final List<ReceivedAudit> records = new ArrayList<>();
    private final List<String> unparsed = new ArrayList<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
    private long offset;

    RepositoryLog(Path file) {
        this.file = file;
    }

    /** Every record received so far, in arrival order. */
    synchronized List<ReceivedAudit> records() throws IOException {
        readNewLines();
        for (String line : unparsed) {
            records.add(ReceivedAudit.parse(line));
        }
        unparsed.clear();
        return List.copyOf(records);
    }

    /** How many messages were received so far; cheap (nothing is parsed), for timing arrivals. */
    synchronized int lineCount() throws IOException {
        readNewLines();
        return records.size() + unparsed.size();
    }

    private void readNewLines() throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            int n;
            while ((n = ch.read(buffer.clear(), offset)) > 0) {
                offset += n;
                byte[] bytes = buffer.array();
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (bytes[i] == '\n') {
                        partial.write(bytes, start, i - start);
                        unparsed.add(partial.toString(StandardCharsets.UTF_8));
                        partial.reset();
                        start = i + 1;
                    }
                }
                partial.write(bytes, start, n - start);
            }
        }
    }

    /** Imports received per MSH-10 (a count above 1 is a duplicate delivery). */
    Map<String, Integer> importsByControlId() throws IOException {
        Map<String, Integer> counts = new HashMap<>();
        for (ReceivedAudit record : records()) {
            if (record.isImport()) {
                String id = record.controlId().orElseThrow(() -> new AssertionError(
                        "Import record without exactly one MSH-10 detail: " + record));
                counts.merge(id, 1, Integer::sum);
            }
        }
        return counts;
    }

    /**
     * Polls until {@code done} holds for the imports by control id, or {@code timeout} passes.
     *
     * @return the last counts seen, whether or not {@code done} held
     */
    Map<String, Integer> awaitImports(Predicate<Map<String, Integer>> done, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<String, Integer> counts = importsByControlId();
            if (done.test(counts) || System.nanoTime() - deadline > 0) {
                return counts;
            }
            Thread.sleep(100);
        }
    }
}
