package org.ward.audit.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32;

/**
 * On-disk frame of one record in a segment file, big-endian:
 * <pre>
 *   int  payload length
 *   int  CRC-32 of (length, sequence, appendedAt, payload)
 *   long sequence
 *   long appendedAt, epoch milliseconds
 *   payload
 * </pre>
 * 24 bytes of overhead per record. A frame whose length is out of bounds, which runs past the end
 * of the file, or whose CRC does not match was torn by a crash (or the disk is damaged).
 */
final class RecordFormat {

    static final int HEADER_BYTES = 24;

    private RecordFormat() {
    }

    static ByteBuffer encode(long sequence, long appendedAtMillis, byte[] payload) {
        ByteBuffer frame = ByteBuffer.allocate(HEADER_BYTES + payload.length);
        frame.putInt(payload.length).putInt(0).putLong(sequence).putLong(appendedAtMillis).put(payload);
        frame.putInt(4, crc(frame.array(), payload.length));
        return frame.flip();
    }

    /** CRC over the whole frame except the CRC field itself. */
    static int crc(byte[] frame, int payloadLength) {
        CRC32 crc = new CRC32();
        crc.update(frame, 0, 4);
        crc.update(frame, 8, HEADER_BYTES - 8 + payloadLength);
        return (int) crc.getValue();
    }

    /** Fills {@code buffer} from {@code offset}; false if the file ends first. */
    static boolean readFully(FileChannel channel, ByteBuffer buffer, long offset) throws IOException {
        long at = offset;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                return false;
            }
            at += n;
        }
        return true;
    }
}
