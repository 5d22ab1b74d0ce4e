package org.ward.audit.spool;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link AuditSpool} on append-only segment files ({@code <first sequence, 20 digits>.seg}) in one
 * directory, each record framed with its length and a CRC-32 ({@link RecordFormat}).
 *
 * <h2>Durability and its cost</h2>
 * {@link #append} hands the record to a single writer thread and waits until it was written and
 * {@code FileChannel.force}d. The writer takes every append that queued up meanwhile as one batch
 * and forces once for all of them (group commit): one fsync per batch, not per record. On this
 * project's machines an fsync costs roughly 0.1-2 ms on SSD-backed storage, so a lone appender sees
 * about that latency, while many concurrent appenders share it.
 *
 * <p>The drain position (last acknowledged sequence) is written on every acknowledge and forced at
 * most every {@link SpoolConfig#ackSyncInterval()} ({@link DrainPositionFile}): a killed process
 * resends nothing; a power loss may resend up to one interval of records (at-least-once).
 *
 * <h2>Recovery</h2>
 * {@link #open} scans every segment. A record that is cut short, out of bounds, fails its CRC or
 * breaks the sequence ends the segment: the rest of the file is truncated and logged (WARN for the
 * last segment, the torn tail of a crash; ERROR elsewhere, since that means damaged storage).
 * What was found is available as {@link #recovery()}.
 *
 * <h2>Space</h2>
 * {@link #usedBytes()} is the size of all segment files. A segment is deleted once every record in
 * it was acknowledged and a newer segment exists. Appends that would exceed the cap are refused
 * with {@link SpoolFullException}; {@link SpoolListener#nearlyFull} fires at 80 %.
 */
public final class FileAuditSpool implements AuditSpool {

    private static final Logger log = LoggerFactory.getLogger(FileAuditSpool.class);
    private static final Pattern SEGMENT_NAME = Pattern.compile("\\d{20}\\.seg");
    private static final String DRAIN_POSITION_FILE = "drained.pos";
    private static final String LOCK_FILE = "spool.lock";
    private static final int MAX_BATCH = 1024;

    /** Segment metadata; all fields except path/firstSeq guarded by {@link #lock}. */
    private static final class Segment {
        final Path path;
        final long firstSeq;
        long lastSeq;
        long size;
        FileChannel reader;

        Segment(Path path, long firstSeq, long lastSeq, long size) {
            this.path = path;
            this.firstSeq = firstSeq;
            this.lastSeq = lastSeq;
            this.size = size;
        }

        FileChannel reader() throws IOException {
            if (reader == null) {
                reader = FileChannel.open(path, StandardOpenOption.READ);
            }
            return reader;
        }

        void closeReader() throws IOException {
            if (reader != null) {
                reader.close();
                reader = null;
            }
        }
    }

    private static final class PendingAppend {
        final byte[] payload;
        final long appendedAt;
        final CompletableFuture<Long> done = new CompletableFuture<>();
        long sequence;

        PendingAppend(byte[] payload, long appendedAt) {
            this.payload = payload;
            this.appendedAt = appendedAt;
        }

        int frameBytes() {
            return RecordFormat.HEADER_BYTES + payload.length;
        }
    }

    private static final PendingAppend STOP = new PendingAppend(new byte[0], 0);

    private final SpoolConfig config;
    private final SpoolListener listener;
    private final Clock clock;
    private final Path directory;
    private final FileChannel lockChannel;
    private final FileLock directoryLock;
    private final DrainPositionFile drainPosition;
    private final RecoveryReport recovery;
    private final BlockingQueue<PendingAppend> queue = new LinkedBlockingQueue<>();
    private final Thread writer;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();
    // Guarded by lock.
    private final List<Segment> segments = new ArrayList<>();
    private long acked;
    private long lastSeq;
    private long used;
    private long reserved;
    private boolean nearlyFullSignalled;
    private boolean closed;
    private Segment cursorSegment;
    private long cursorSeq;
    private long cursorOffset;

    // Writer thread only (after open).
    private Segment active;
    private FileChannel writeChannel;
    private long writeSize;
    private long nextSeq;

    private FileAuditSpool(SpoolConfig config, SpoolListener listener, Clock clock, FileChannel lockChannel,
                           FileLock directoryLock, DrainPositionFile drainPosition) throws IOException {
        this.config = config;
        this.listener = listener;
        this.clock = clock;
        this.directory = config.directory();
        this.lockChannel = lockChannel;
        this.directoryLock = directoryLock;
        this.drainPosition = drainPosition;
        this.acked = drainPosition.position();
        this.recovery = recover();
        this.writer = new Thread(this::writeLoop, "ward-audit-spool-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    public static FileAuditSpool open(SpoolConfig config, SpoolListener listener) throws IOException {
        return open(config, listener, Clock.systemUTC());
    }

    public static FileAuditSpool open(SpoolConfig config, SpoolListener listener, Clock clock) throws IOException {
        Files.createDirectories(config.directory());
        FileChannel lockChannel = FileChannel.open(config.directory().resolve(LOCK_FILE),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock directoryLock;
        try {
            directoryLock = lockChannel.tryLock();
        } catch (IOException | RuntimeException e) {
            lockChannel.close();
            throw new IOException("audit spool " + config.directory() + " is already open", e);
        }
        if (directoryLock == null) {
            lockChannel.close();
            throw new IOException("audit spool " + config.directory() + " is in use by another process");
        }
        DrainPositionFile drain = null;
        try {
            drain = DrainPositionFile.open(config.directory().resolve(DRAIN_POSITION_FILE), config.ackSyncInterval());
            return new FileAuditSpool(config, listener, clock, lockChannel, directoryLock, drain);
        } catch (IOException | RuntimeException e) {
            if (drain != null) {
                drain.close();
            }
            directoryLock.release();
            lockChannel.close();
            throw e;
        }
    }

    /** What was found on disk when this spool was opened. */
    /** The directory this spool lives in. */
    public Path directory() {
        return directory;
    }

    public RecoveryReport recovery() {
        return recovery;
    }

    // ---- open ----

    private RecoveryReport recover() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(directory)) {
            files = list.filter(p -> SEGMENT_NAME.matcher(p.getFileName().toString()).matches()).sorted().toList();
        }
        List<String> problems = new ArrayList<>();
        long truncated = 0;
        long previousLast = acked;
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            long firstSeq = Long.parseLong(file.getFileName().toString().substring(0, 20));
            if (firstSeq > previousLast + 1) {
                String gap = "records " + (previousLast + 1) + ".." + (firstSeq - 1) + " missing before " + file;
                log.error("audit spool: {}", gap);
                problems.add(gap);
            }
            Scan scan = scan(file, firstSeq);
            if (scan.problem != null) {
                long cut = scan.fileSize - scan.validBytes;
                boolean tail = i == files.size() - 1;
                String what = file.getFileName() + ": " + scan.problem + " at offset " + scan.validBytes + "; "
                        + cut + " bytes truncated, last intact record " + scan.lastSeq;
                if (tail) {
                    log.warn("audit spool: torn record after an unclean shutdown, {}", what);
                } else {
                    log.error("audit spool: damaged segment (records after {} in it are lost), {}", scan.lastSeq, what);
                }
                problems.add(what);
                truncated += cut;
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    ch.truncate(scan.validBytes);
                    ch.force(true);
                }
            }
            segments.add(new Segment(file, firstSeq, scan.lastSeq, scan.validBytes));
            previousLast = Math.max(previousLast, scan.lastSeq);
        }
        nextSeq = previousLast + 1;
        lastSeq = nextSeq - 1;
        // Fully drained (or empty) segments are not needed any more.
        for (var it = segments.iterator(); it.hasNext(); ) {
            Segment s = it.next();
            if (s.lastSeq <= acked) {
                Files.delete(s.path);
                it.remove();
            }
        }
        if (segments.isEmpty()) {
            segments.add(createSegment(nextSeq));
        }
        active = segments.get(segments.size() - 1);
        writeChannel = FileChannel.open(active.path, StandardOpenOption.WRITE);
        writeChannel.position(active.size);
        writeSize = active.size;
        used = segments.stream().mapToLong(s -> s.size).sum();
        RecoveryReport report = new RecoveryReport(segments.size(), lastSeq - acked, truncated, problems);
        log.info("audit spool {} opened: {} segment(s), {} bytes, {} record(s) pending from sequence {}",
                directory, segments.size(), used, lastSeq - acked, acked + 1);
        return report;
    }

    private record Scan(long lastSeq, long validBytes, long fileSize, String problem) {
    }

    private Scan scan(Path file, long firstSeq) throws IOException {
        byte[] data = Files.readAllBytes(file);
        ByteBuffer buffer = ByteBuffer.wrap(data);
        long expected = firstSeq;
        int pos = 0;
        String problem = null;
        while (pos < data.length) {
            if (data.length - pos < RecordFormat.HEADER_BYTES) {
                problem = "incomplete record header";
                break;
            }
            int length = buffer.getInt(pos);
            if (length < 0 || length > config.maxRecordBytes()) {
                problem = "record length " + length + " out of bounds (max-record-bytes " + config.maxRecordBytes() + ")";
                break;
            }
            if ((long) pos + RecordFormat.HEADER_BYTES + length > data.length) {
                problem = "record of " + length + " bytes runs past the end of the file";
                break;
            }
            byte[] frame = new byte[RecordFormat.HEADER_BYTES + length];
            System.arraycopy(data, pos, frame, 0, frame.length);
            if (RecordFormat.crc(frame, length) != buffer.getInt(pos + 4)) {
                problem = "CRC mismatch";
                break;
            }
            long sequence = buffer.getLong(pos + 8);
            if (sequence != expected) {
                problem = "sequence " + sequence + " where " + expected + " was expected";
                break;
            }
            expected++;
            pos += frame.length;
        }
        return new Scan(expected - 1, pos, data.length, problem);
    }

    private Segment createSegment(long firstSeq) throws IOException {
        Path path = directory.resolve(String.format("%020d.seg", firstSeq));
        Files.createFile(path);
        // The new directory entry must survive a crash too, or its records would vanish with it.
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
        return new Segment(path, firstSeq, firstSeq - 1, 0);
    }

    // ---- append ----

    @Override
    public long append(byte[] record) throws IOException {
        if (record.length > config.maxRecordBytes()) {
            throw new IllegalArgumentException("audit record of " + record.length + " bytes exceeds "
                    + config.maxRecordBytes() + " bytes (audit.spool.max-record-bytes)");
        }
        PendingAppend pending = new PendingAppend(record.clone(), clock.millis());
        lock.lock();
        try {
            if (closed) {
                throw new IOException("audit spool " + directory + " is closed");
            }
            if (used + reserved + pending.frameBytes() > config.capBytes()) {
                throw new SpoolFullException(used + reserved, config.capBytes(), record.length);
            }
            reserved += pending.frameBytes();
            queue.add(pending); // under the lock, so nothing follows close()'s STOP
        } finally {
            lock.unlock();
        }
        try {
            return pending.done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the audit record was being made durable;"
                    + " it may or may not be stored");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? io : new IOException(cause);
        }
    }

    /**
     * Queues every record for the writer at once, so that they normally share one batch and one
     * fsync, and waits for all of them. Either all fit under the cap or none is queued.
     */
    @Override
    public List<Long> appendAll(List<byte[]> records) throws IOException {
        List<PendingAppend> pending = new ArrayList<>(records.size());
        long bytes = 0;
        long now = clock.millis();
        for (byte[] record : records) {
            if (record.length > config.maxRecordBytes()) {
                throw new IllegalArgumentException("audit record of " + record.length + " bytes exceeds "
                        + config.maxRecordBytes() + " bytes (audit.spool.max-record-bytes)");
            }
            PendingAppend p = new PendingAppend(record.clone(), now);
            pending.add(p);
            bytes += p.frameBytes();
        }
        if (pending.isEmpty()) {
            return List.of();
        }
        lock.lock();
        try {
            if (closed) {
                throw new IOException("audit spool " + directory + " is closed");
            }
            if (used + reserved + bytes > config.capBytes()) {
                throw new SpoolFullException(used + reserved, config.capBytes(), (int) Math.min(bytes, Integer.MAX_VALUE));
            }
            reserved += bytes;
            queue.addAll(pending); // under the lock, so nothing follows close()'s STOP
        } finally {
            lock.unlock();
        }
        List<Long> sequences = new ArrayList<>(pending.size());
        IOException failure = null;
        for (PendingAppend p : pending) {
            try {
                sequences.add(p.done.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while " + pending.size() + " audit records were"
                        + " being made durable; they may or may not be stored");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (failure == null) {
                    failure = cause instanceof IOException io ? io : new IOException(cause);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return List.copyOf(sequences);
    }

    private void writeLoop() {
        List<PendingAppend> batch = new ArrayList<>();
        boolean stop = false;
        while (!stop) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                // Only close() may end this thread; an interrupt from elsewhere is ignored visibly.
                log.warn("audit spool writer interrupted; still running until the spool is closed");
                continue;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            stop = batch.remove(STOP);
            if (!batch.isEmpty()) {
                writeBatch(batch);
            }
            batch.clear();
        }
        try {
            writeChannel.force(false);
            writeChannel.close();
        } catch (IOException e) {
            log.error("audit spool: closing segment {} failed", active.path, e);
        }
    }

    private void writeBatch(List<PendingAppend> batch) {
        List<PendingAppend> unpublished = new ArrayList<>(batch.size());
        int index = 0;
        try {
            for (; index < batch.size(); index++) {
                PendingAppend p = batch.get(index);
                if (writeSize > 0 && writeSize + p.frameBytes() > config.segmentBytes()) {
                    roll(unpublished);
                }
                ByteBuffer frame = RecordFormat.encode(nextSeq, p.appendedAt, p.payload);
                while (frame.hasRemaining()) {
                    writeChannel.write(frame);
                }
                p.sequence = nextSeq++;
                writeSize += p.frameBytes();
                unpublished.add(p);
            }
            writeChannel.force(false);
            publish(unpublished);
        } catch (IOException | RuntimeException e) {
            failBatch(unpublished, batch.subList(index, batch.size()), e);
        }
    }

    /** Forces and closes the active segment, publishes what it holds, starts the next one. */
    private void roll(List<PendingAppend> unpublished) throws IOException {
        writeChannel.force(false);
        publish(unpublished);
        unpublished.clear();
        writeChannel.close();
        Segment next = createSegment(nextSeq);
        lock.lock();
        try {
            segments.add(next);
            releaseDrainedSegments();
        } finally {
            lock.unlock();
        }
        active = next;
        writeChannel = FileChannel.open(next.path, StandardOpenOption.WRITE);
        writeSize = 0;
    }

    /** Makes durable records visible to readers and completes their appends. */
    private void publish(List<PendingAppend> durable) {
        if (durable.isEmpty()) {
            return;
        }
        long bytes = 0;
        for (PendingAppend p : durable) {
            bytes += p.frameBytes();
        }
        boolean signal;
        long usedNow;
        lock.lock();
        try {
            active.size = writeSize;
            active.lastSeq = nextSeq - 1;
            lastSeq = nextSeq - 1;
            used += bytes;
            reserved -= bytes;
            usedNow = used;
            signal = !nearlyFullSignalled && used >= config.nearlyFullBytes();
            nearlyFullSignalled |= signal;
            appended.signalAll();
        } finally {
            lock.unlock();
        }
        if (signal) {
            // Before the appends return, so whoever filled the spool has been warned when it goes on.
            log.warn("audit spool {} nearly full: {} of {} bytes", directory, usedNow, config.capBytes());
            try {
                listener.nearlyFull(usedNow, config.capBytes());
            } catch (RuntimeException e) {
                log.error("spool listener failed", e);
            }
        }
        for (PendingAppend p : durable) {
            p.done.complete(p.sequence);
        }
    }

    /** Undoes a partly written batch so the file ends on a whole, published record. */
    private void failBatch(List<PendingAppend> written, List<PendingAppend> notWritten, Exception cause) {
        log.error("audit spool {}: {} record(s) could not be made durable", directory,
                written.size() + notWritten.size(), cause);
        long bytes = 0;
        for (PendingAppend p : written) {
            bytes += p.frameBytes();
        }
        for (PendingAppend p : notWritten) {
            bytes += p.frameBytes();
        }
        lock.lock();
        try {
            reserved -= bytes;
            writeSize = active.size;
            nextSeq = lastSeq + 1;
        } finally {
            lock.unlock();
        }
        try {
            writeChannel.truncate(writeSize);
            writeChannel.position(writeSize);
        } catch (IOException e) {
            log.error("audit spool {}: cannot truncate {} back to {} bytes; the next open will", directory,
                    active.path, writeSize, e);
        }
        IOException failure = cause instanceof IOException io ? io : new IOException(cause);
        for (PendingAppend p : written) {
            p.done.completeExceptionally(failure);
        }
        for (PendingAppend p : notWritten) {
            p.done.completeExceptionally(failure);
        }
    }

    // ---- drain ----

    @Override
    public List<SpoolEntry> read(long fromSequence, int max) throws IOException {
        lock.lock();
        try {
            long seq = Math.max(fromSequence, acked + 1);
            if (closed || max <= 0 || seq > lastSeq) {
                return List.of();
            }
            int segmentIndex;
            long offset;
            if (cursorSegment != null && cursorSeq == seq && segments.contains(cursorSegment)) {
                segmentIndex = segments.indexOf(cursorSegment);
                offset = cursorOffset;
            } else {
                segmentIndex = 0;
                while (segments.get(segmentIndex).lastSeq < seq) {
                    segmentIndex++;
                }
                Segment s = segments.get(segmentIndex);
                seq = Math.max(seq, s.firstSeq);
                offset = skip(s, seq);
            }
            List<SpoolEntry> entries = new ArrayList<>(Math.min(max, (int) Math.min(1024, lastSeq - seq + 1)));
            Segment s = segments.get(segmentIndex);
            while (entries.size() < max && seq <= lastSeq) {
                if (offset >= s.size) {
                    s = segments.get(++segmentIndex);
                    offset = 0;
                    seq = Math.max(seq, s.firstSeq);
                    continue;
                }
                SpoolEntry entry = readAt(s, offset, seq);
                entries.add(entry);
                offset += RecordFormat.HEADER_BYTES + entry.payload().length;
                seq++;
            }
            cursorSegment = s;
            cursorSeq = seq;
            cursorOffset = offset;
            return entries;
        } finally {
            lock.unlock();
        }
    }

    /** Offset of record {@code target} in {@code s}, walking the length fields from the start. */
    private long skip(Segment s, long target) throws IOException {
        long offset = 0;
        ByteBuffer length = ByteBuffer.allocate(4);
        for (long seq = s.firstSeq; seq < target; seq++) {
            length.clear();
            if (!RecordFormat.readFully(s.reader(), length, offset)) {
                throw damaged(s, offset, "ends early");
            }
            offset += RecordFormat.HEADER_BYTES + length.getInt(0);
        }
        return offset;
    }

    private SpoolEntry readAt(Segment s, long offset, long expectedSeq) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(RecordFormat.HEADER_BYTES);
        if (!RecordFormat.readFully(s.reader(), header, offset)) {
            throw damaged(s, offset, "ends early");
        }
        int length = header.getInt(0);
        if (length < 0 || length > config.maxRecordBytes()) {
            throw damaged(s, offset, "record length " + length + " out of bounds");
        }
        ByteBuffer frame = ByteBuffer.allocate(RecordFormat.HEADER_BYTES + length);
        frame.put(header.flip());
        if (!RecordFormat.readFully(s.reader(), frame, offset + RecordFormat.HEADER_BYTES)) {
            throw damaged(s, offset, "ends early");
        }
        if (RecordFormat.crc(frame.array(), length) != frame.getInt(4) || frame.getLong(8) != expectedSeq) {
            throw damaged(s, offset, "CRC or sequence mismatch (expected " + expectedSeq + ")");
        }
        byte[] payload = new byte[length];
        System.arraycopy(frame.array(), RecordFormat.HEADER_BYTES, payload, 0, length);
        return new SpoolEntry(expectedSeq, Instant.ofEpochMilli(frame.getLong(16)), payload);
    }

    private static IOException damaged(Segment s, long offset, String what) {
        return new IOException("audit spool segment " + s.path + " damaged at offset " + offset + ": " + what);
    }

    @Override
    public long drainPosition() {
        lock.lock();
        try {
            return acked + 1;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean awaitRecord(long fromSequence, Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (lastSeq < fromSequence && !closed && nanos > 0) {
                nanos = appended.awaitNanos(nanos);
            }
            return lastSeq >= fromSequence;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void acknowledge(long sequence) throws IOException {
        lock.lock();
        try {
            if (sequence <= acked) {
                return;
            }
            if (sequence > lastSeq) {
                throw new IllegalArgumentException("cannot acknowledge sequence " + sequence
                        + ": the last appended is " + lastSeq);
            }
            drainPosition.write(sequence);
            acked = sequence;
            releaseDrainedSegments();
        } finally {
            lock.unlock();
        }
    }

    /** Deletes leading segments whose records are all acknowledged; never the one being written. */
    private void releaseDrainedSegments() throws IOException {
        while (segments.size() > 1 && segments.get(0).lastSeq <= acked) {
            Segment s = segments.remove(0);
            s.closeReader();
            Files.delete(s.path);
            used -= s.size;
            if (cursorSegment == s) {
                cursorSegment = null;
            }
            log.debug("audit spool: drained segment {} deleted", s.path.getFileName());
        }
        if (used < config.nearlyFullBytes()) {
            nearlyFullSignalled = false;
        }
    }

    // ---- state ----

    @Override
    public long usedBytes() {
        lock.lock();
        try {
            return used;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long capBytes() {
        return config.capBytes();
    }

    @Override
    public long pending() {
        lock.lock();
        try {
            return lastSeq - acked;
        } finally {
            lock.unlock();
        }
    }

    /** Number of segment files, for tests and metrics. */
    public int segmentCount() {
        lock.lock();
        try {
            return segments.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(STOP);
            appended.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while closing the audit spool");
        }
        lock.lock();
        try {
            for (Segment s : segments) {
                s.closeReader();
            }
            drainPosition.close();
        } finally {
            lock.unlock();
            directoryLock.release();
            lockChannel.close();
        }
        log.info("audit spool {} closed, {} record(s) pending", directory, lastSeq - acked);
    }
}
