package org.ward.audit.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileAuditSpoolTest {

    @TempDir
    Path dir;

    private static byte[] record(int i) {
        return ("<AuditMessage id=\"" + i + "\"/>").getBytes(StandardCharsets.UTF_8);
    }

    private static String text(SpoolEntry e) {
        return new String(e.payload(), StandardCharsets.UTF_8);
    }

    private SpoolConfig config(long cap, long segment) {
        return new SpoolConfig(dir, cap, segment, 1024, Duration.ZERO);
    }

    private List<Path> segmentFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".seg")).sorted().toList();
        }
    }

    @Test
    void appendPeekAcknowledgeInOrder() throws IOException {
        try (FileAuditSpool spool = FileAuditSpool.open(SpoolConfig.of(dir), SpoolListener.NONE)) {
            assertThat(spool.peek()).isEmpty();
            for (int i = 1; i <= 3; i++) {
                assertThat(spool.append(record(i))).isEqualTo(i);
            }
            assertThat(spool.pending()).isEqualTo(3);
            assertThat(text(spool.peek().orElseThrow())).isEqualTo("<AuditMessage id=\"1\"/>");
            assertThat(spool.read(1, 10)).extracting(SpoolEntry::sequence).containsExactly(1L, 2L, 3L);
            assertThat(spool.read(2, 1)).extracting(SpoolEntry::sequence).containsExactly(2L);

            spool.acknowledge(1);
            assertThat(spool.peek().orElseThrow().sequence()).isEqualTo(2);
            assertThat(spool.read(1, 10)).extracting(SpoolEntry::sequence).containsExactly(2L, 3L);
            spool.acknowledge(1); // again: nothing happens
            spool.acknowledge(3);
            assertThat(spool.peek()).isEmpty();
            assertThat(spool.pending()).isZero();
            assertThatThrownBy(() -> spool.acknowledge(4)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void reopenContinuesWhereItStopped() throws IOException {
        try (FileAuditSpool spool = FileAuditSpool.open(SpoolConfig.of(dir), SpoolListener.NONE)) {
            for (int i = 1; i <= 5; i++) {
                spool.append(record(i));
            }
            spool.acknowledge(2);
        }
        try (FileAuditSpool spool = FileAuditSpool.open(SpoolConfig.of(dir), SpoolListener.NONE)) {
            assertThat(spool.recovery().clean()).isTrue();
            assertThat(spool.pending()).isEqualTo(3);
            assertThat(spool.peek().orElseThrow().sequence()).isEqualTo(3);
            assertThat(text(spool.peek().orElseThrow())).isEqualTo("<AuditMessage id=\"3\"/>");
            assertThat(spool.append(record(6))).isEqualTo(6);
            assertThat(spool.read(0, 100)).extracting(SpoolEntry::sequence).containsExactly(3L, 4L, 5L, 6L);
            spool.acknowledge(6);
        }
        try (FileAuditSpool spool = FileAuditSpool.open(SpoolConfig.of(dir), SpoolListener.NONE)) {
            assertThat(spool.pending()).isZero();
            assertThat(spool.append(record(7))).isEqualTo(7); // sequence never restarts
        }
    }

    @Test
    void secondOpenOfTheSameDirectoryIsRefused() throws IOException {
        try (FileAuditSpool spool = FileAuditSpool.open(SpoolConfig.of(dir), SpoolListener.NONE)) {
            assertThatThrownBy(() -> FileAuditSpool.open(SpoolConfig.of(dir), SpoolListener.NONE))
                    .isInstanceOf(IOException.class).hasMessageContaining("already open");
        }
    }

    @Test
    void tornLastRecordIsDetectedAndTruncatedOnOpen() throws IOException {
        try (FileAuditSpool spool = FileAuditSpool.open(SpoolConfig.of(dir), SpoolListener.NONE)) {
            for (int i = 1; i <= 5; i++) {
                spool.append(record(i));
            }
        }
        Path segment = segmentFiles().get(0);
        long size = Files.size(segment);
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            f.setLength(size - 7); // a crash in the middle of writing record 5
        }
        try (FileAuditSpool spool = FileAuditSpool.open(SpoolConfig.of(dir), SpoolListener.NONE)) {
            RecoveryReport report = spool.recovery();
            assertThat(report.clean()).isFalse();
            assertThat(report.problems()).singleElement().asString()
                    .contains("runs past the end of the file").contains("last intact record 4");
            assertThat(report.pendingRecords()).isEqualTo(4);
            assertThat(spool.read(1, 10)).extracting(FileAuditSpoolTest::text).containsExactly(
                    "<AuditMessage id=\"1\"/>", "<AuditMessage id=\"2\"/>", "<AuditMessage id=\"3\"/>",
                    "<AuditMessage id=\"4\"/>");
            assertThat(spool.append(record(50))).isEqualTo(5); // the torn one's sequence is reused
            assertThat(text(spool.read(5, 1).get(0))).isEqualTo("<AuditMessage id=\"50\"/>");
        }
    }

    @Test
    void corruptedLastRecordFailsItsCrcAndIsDropped() throws IOException {
        try (FileAuditSpool spool = FileAuditSpool.open(SpoolConfig.of(dir), SpoolListener.NONE)) {
            for (int i = 1; i <= 3; i++) {
                spool.append(record(i));
            }
        }
        Path segment = segmentFiles().get(0);
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            f.seek(f.length() - 3);
            f.write('X');
        }
        try (FileAuditSpool spool = FileAuditSpool.open(SpoolConfig.of(dir), SpoolListener.NONE)) {
            assertThat(spool.recovery().problems()).singleElement().asString().contains("CRC mismatch");
            assertThat(spool.read(1, 10)).extracting(SpoolEntry::sequence).containsExactly(1L, 2L);
        }
    }

    @Test
    void capRefusesAppendsAndWarnsOnceAtEightyPercent() throws IOException {
        int frame = RecordFormat.HEADER_BYTES + 100;
        long cap = 40L * frame; // 4 segments of 10 records
        List<long[]> warnings = Collections.synchronizedList(new ArrayList<>());
        try (FileAuditSpool spool = FileAuditSpool.open(config(cap, 10L * frame),
                (used, c) -> warnings.add(new long[] {used, c}))) {
            for (int i = 0; i < 31; i++) {
                spool.append(new byte[100]);
                assertThat(warnings).hasSize(i + 1 >= 32 ? 1 : 0);
            }
            spool.append(new byte[100]); // the 32nd record reaches 80 %
            assertThat(warnings).hasSize(1);
            assertThat(warnings.get(0)).containsExactly(32L * frame, cap);
            for (int i = 32; i < 40; i++) {
                spool.append(new byte[100]);
            }
            assertThat(warnings).hasSize(1); // once per crossing
            assertThatThrownBy(() -> spool.append(new byte[100]))
                    .isInstanceOf(SpoolFullException.class)
                    .hasMessageContaining(cap + " bytes used").hasMessageContaining("cap-bytes");
            assertThat(spool.pending()).isEqualTo(40);

            spool.acknowledge(30); // frees the first three segments
            assertThat(spool.usedBytes()).isEqualTo(10L * frame);
            for (int i = 0; i < 22; i++) {
                spool.append(new byte[100]);
            }
            assertThat(warnings).hasSize(2); // re-armed after dropping below 80 %
        }
    }

    @Test
    void appendAllStoresRecordsInOrderAcrossSegmentsAndSurvivesReopen() throws IOException {
        List<byte[]> first = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            first.add(record(i));
        }
        try (FileAuditSpool spool = FileAuditSpool.open(config(1 << 20, 2048), SpoolListener.NONE)) {
            spool.append(record(0));
            assertThat(spool.appendAll(first)).hasSize(200).startsWith(2L, 3L).endsWith(201L);
            assertThat(spool.appendAll(List.of())).isEmpty();
            assertThat(spool.append(record(201))).isEqualTo(202);
        }
        assertThat(segmentFiles()).hasSizeGreaterThan(2);
        try (FileAuditSpool spool = FileAuditSpool.open(config(1 << 20, 2048), SpoolListener.NONE)) {
            assertThat(spool.recovery().clean()).isTrue();
            assertThat(spool.read(1, 300)).extracting(FileAuditSpoolTest::text)
                    .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(0, 201)
                            .mapToObj(i -> "<AuditMessage id=\"" + i + "\"/>").toList());
        }
    }

    @Test
    void appendAllThatWouldPassTheCapStoresNothing() throws IOException {
        int frame = RecordFormat.HEADER_BYTES + 100;
        try (FileAuditSpool spool = FileAuditSpool.open(config(40L * frame, 10L * frame), SpoolListener.NONE)) {
            for (int i = 0; i < 38; i++) {
                spool.append(new byte[100]);
            }
            assertThatThrownBy(() -> spool.appendAll(List.of(new byte[100], new byte[100], new byte[100])))
                    .isInstanceOf(SpoolFullException.class);
            assertThat(spool.pending()).isEqualTo(38);
            assertThat(spool.appendAll(List.of(new byte[100], new byte[100]))).containsExactly(39L, 40L);
        }
    }

    @Test
    void recordAboveTheLimitIsRefused() throws IOException {
        try (FileAuditSpool spool = FileAuditSpool.open(config(1 << 20, 1 << 16), SpoolListener.NONE)) {
            assertThatThrownBy(() -> spool.append(new byte[1025]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-record-bytes");
        }
    }

    @Test
    void drainedSegmentsAreDeleted() throws IOException {
        int frame = RecordFormat.HEADER_BYTES + 100;
        try (FileAuditSpool spool = FileAuditSpool.open(config(1 << 20, 10L * frame), SpoolListener.NONE)) {
            for (int i = 0; i < 35; i++) {
                spool.append(new byte[100]);
            }
            assertThat(segmentFiles()).hasSize(4);
            assertThat(segmentFiles().get(1).getFileName().toString()).isEqualTo("00000000000000000011.seg");
            spool.acknowledge(15);
            assertThat(segmentFiles()).hasSize(3);
            // reading across segment boundaries
            assertThat(spool.read(0, 100)).extracting(SpoolEntry::sequence).hasSize(20).startsWith(16L)
                    .endsWith(35L);
            spool.acknowledge(35);
            assertThat(segmentFiles()).hasSize(1); // the one being written stays
            assertThat(spool.usedBytes()).isEqualTo(5L * frame);
        }
        try (FileAuditSpool spool = FileAuditSpool.open(config(1 << 20, 10L * frame), SpoolListener.NONE)) {
            assertThat(segmentFiles()).hasSize(1); // fully drained: replaced by a fresh, empty one
            assertThat(spool.usedBytes()).isZero();
            assertThat(spool.append(new byte[1])).isEqualTo(36);
        }
    }

    @Test
    void concurrentAppendsShareFsyncsAndKeepOneDenseOrder() throws Exception {
        int threads = 4;
        int perThread = 500;
        try (FileAuditSpool spool = FileAuditSpool.open(SpoolConfig.of(dir), SpoolListener.NONE)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            long start = System.nanoTime();
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    List<Long> seqs = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        seqs.add(spool.append(record(thread * perThread + i)));
                    }
                    return seqs;
                }));
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> r : results) {
                List<Long> seqs = r.get();
                assertThat(seqs).isSorted(); // each appender sees its own records in order
                all.addAll(seqs);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            Collections.sort(all);
            assertThat(all).hasSize(threads * perThread).first().isEqualTo(1L);
            assertThat(all.get(all.size() - 1)).isEqualTo((long) threads * perThread);
            assertThat(spool.read(1, threads * perThread)).hasSize(threads * perThread);
            System.out.printf("spool: %d durable appends from %d threads in %.2f s = %.0f records/s;"
                            + " %.1f bytes on disk per record (%d-byte payloads + %d-byte frame header)%n",
                    threads * perThread, threads, seconds, threads * perThread / seconds,
                    (double) spool.usedBytes() / (threads * perThread), record(1000).length,
                    RecordFormat.HEADER_BYTES);
        }
    }
}
