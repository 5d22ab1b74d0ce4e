package org.ward.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.ward.store.InboundRecord;
import org.ward.store.JdbcMessageJournal;
import org.ward.store.JournalConfig;
import org.ward.store.JournalEntry;
import org.ward.store.Sender;

/**
 * Journal appends as the listener does them before each ACK: 16 threads (the 16 connections of the
 * performance targets), each appending the shipped PCD-01 queued for one destination and waiting for
 * its commit (H2 in a temp directory, AES-GCM payload, fsync per commit). {@code groupCommit=true}
 * shares one transaction among the appends waiting; false is one transaction per append.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Threads(16)
@Fork(1)
public class JournalBenchmark {

    private static final Sender DEVICE = Sender.of("CN=Development Device,O=Ward Development", "01")
            .withDevice("0123456789abcdef");

    @Param({"true", "false"})
    public boolean groupCommit;

    /**
     * {@code sequential}: control ids J-1, J-2, … and one patient, so every index grows at its end
     * (the best case). {@code random}: random control ids and one of 100,000 patients per message, as
     * devices send them, so each search key lands in a random leaf of its index (since the V4
     * migration, in the search indexer's transaction rather than the commit's).
     */
    @Param({"sequential"})
    public String keys;

    private Path dataDir;
    private JdbcMessageJournal journal;
    private byte[] payload;
    private final AtomicLong sequence = new AtomicLong();

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dataDir = Files.createTempDirectory("ward-journal-bench");
        journal = JdbcMessageJournal.open(JournalConfig.h2(dataDir).withGroupCommit(groupCommit));
        payload = Samples.pcd01();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        journal.close();
        long bytes;
        try (Stream<Path> files = Files.walk(dataDir)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(path -> path.toFile().length()).sum();
        }
        System.out.printf("%njournal files: %,d bytes after %,d appends: %,d bytes per append%n", bytes,
                sequence.get(), bytes / Math.max(1, sequence.get()));
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** One append, waited for until committed. */
    @Benchmark
    public JournalEntry appendAndAwaitCommit() {
        long n = sequence.incrementAndGet();
        boolean random = keys.equals("random");
        java.util.concurrent.ThreadLocalRandom dice = java.util.concurrent.ThreadLocalRandom.current();
        String controlId = random ? Long.toString(dice.nextLong() & Long.MAX_VALUE, 36) : "J-" + n;
        String patient = (random ? Integer.toString(dice.nextInt(100_000)) : "789567") + "^^^Imaginary Hospital^PI";
        InboundRecord record = new InboundRecord(Instant.now(), "devices", DEVICE, "ORU^R01^ORU_R01", controlId,
                "PCD-01", List.of(patient), StandardCharsets.UTF_8, payload, List.of("ehr"));
        return journal.append(record).join();
    }
}
