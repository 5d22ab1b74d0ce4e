package org.ward.audit.repository;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The canonical bytes of a stored record and the chain hash over them (docs/AUDIT-REPOSITORY.md).
 *
 * <p>{@code hash(n) = SHA-256(hash(n-1) || canonical(n))}, {@code hash(0)} = 32 zero bytes.
 * {@code canonical} is, big-endian, with {@code str} = int32 length of the UTF-8 bytes then the
 * bytes, or int32 -1 for NULL, and {@code time} = int64 microseconds since the epoch (NULL: -2^63):
 * <pre>
 * int32 1 (format version) · int64 seq · time received_at · str source · str status · str problem
 * · str syslog_time · str hostname · str app_name · str msg_id
 * · str event_id · str event_action · str event_outcome · time event_time
 * · int32 raw length · raw bytes
 * · int32 index count · for each index row, sorted by kind then ordinal: int8 kind · int32 ordinal · str val
 * </pre>
 * Every stored column is in it, so an UPDATE of any of them, or an added or removed index row, makes
 * the recomputed hash differ from the stored one.
 */
public final class CanonicalRecord {

    public static final int FORMAT_VERSION = 1;
    public static final int HASH_BYTES = 32;
    static final byte[] GENESIS = new byte[HASH_BYTES];
    private static final long NULL_TIME = Long.MIN_VALUE;

    private CanonicalRecord() {
    }

    static byte[] bytes(AuditRow row) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(row.rawUnsafe().length + 512);
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeInt(FORMAT_VERSION);
            out.writeLong(row.seq());
            out.writeLong(micros(row.receivedAt()));
            str(out, row.source());
            str(out, row.status().name());
            str(out, row.problem());
            str(out, row.syslogTime());
            str(out, row.hostname());
            str(out, row.appName());
            str(out, row.msgId());
            str(out, row.eventId());
            str(out, row.eventAction());
            str(out, row.eventOutcome());
            out.writeLong(micros(row.eventTime()));
            out.writeInt(row.rawUnsafe().length);
            out.write(row.rawUnsafe());
            out.writeInt(row.index().size());
            for (IndexEntry entry : row.index()) {
                out.writeByte(entry.kind().code());
                out.writeInt(entry.ordinal());
                str(out, entry.value());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return buffer.toByteArray();
    }

    /** {@code SHA-256(previous || canonical(row))}. */
    static byte[] chain(byte[] previous, AuditRow row) {
        MessageDigest sha256 = sha256();
        sha256.update(previous);
        sha256.update(bytes(row));
        return sha256.digest();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    static long micros(Instant instant) {
        return instant == null ? NULL_TIME : ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    private static void str(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }
}
