package org.ward.audit.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * The last acknowledged sequence, persisted in two alternating 16-byte slots
 * ({@code long sequence, long CRC-32 of it}). A torn write can only damage the slot being written;
 * on open the valid slot with the higher sequence wins.
 *
 * <p>Every {@link #write} goes to the file at once (so a killed process loses nothing); it is
 * forced to the device at most every {@code syncInterval}, and on {@link #close}. After a power
 * loss the position may therefore lag by up to one interval and those records are sent again.
 */
final class DrainPositionFile implements AutoCloseable {

    private static final int SLOT_BYTES = 16;

    private final FileChannel channel;
    private final long syncIntervalNanos;
    private long lastSync = System.nanoTime();
    private long writes;
    private long position;
    private boolean dirty;

    private DrainPositionFile(FileChannel channel, long position, long syncIntervalNanos) {
        this.channel = channel;
        this.position = position;
        this.syncIntervalNanos = syncIntervalNanos;
    }

    static DrainPositionFile open(Path file, java.time.Duration syncInterval) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        long best = 0;
        for (int slot = 0; slot < 2; slot++) {
            ByteBuffer buffer = ByteBuffer.allocate(SLOT_BYTES);
            if (RecordFormat.readFully(channel, buffer, (long) slot * SLOT_BYTES)) {
                long sequence = buffer.getLong(0);
                if (buffer.getLong(8) == crc(sequence) && sequence > best) {
                    best = sequence;
                }
            }
        }
        return new DrainPositionFile(channel, best, syncInterval.toNanos());
    }

    /** The last acknowledged sequence found on open or written since; 0 if none. */
    long position() {
        return position;
    }

    void write(long sequence) throws IOException {
        ByteBuffer slot = ByteBuffer.allocate(SLOT_BYTES).putLong(sequence).putLong(crc(sequence)).flip();
        long offset = (writes++ & 1) * SLOT_BYTES;
        while (slot.hasRemaining()) {
            channel.write(slot, offset + slot.position());
        }
        position = sequence;
        dirty = true;
        long now = System.nanoTime();
        if (now - lastSync >= syncIntervalNanos) {
            sync();
        }
    }

    void sync() throws IOException {
        if (dirty) {
            channel.force(false);
            dirty = false;
        }
        lastSync = System.nanoTime();
    }

    private static long crc(long sequence) {
        CRC32 crc = new CRC32();
        crc.update(ByteBuffer.allocate(8).putLong(sequence).array());
        return crc.getValue();
    }

    @Override
    public void close() throws IOException {
        try {
            sync();
        } finally {
            channel.close();
        }
    }
}
