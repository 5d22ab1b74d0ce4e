package org.ward.audit.repository;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A signed head of the chain: "record {@code seq} has chain hash {@code recordHash}", signed with
 * the repository's key. Stored in {@code audit_checkpoints} and, the latest one, in the head file.
 *
 * <p>Signed bytes: US-ASCII {@code "WARD-AUDIT-CHECKPOINT-1"} · int64 seq · 32-byte record hash ·
 * int64 signedAt microseconds since the epoch; algorithm SHA256withECDSA (P-256, DER signature).
 *
 * @param keyId lower-case hex SHA-256 of the signing public key's X.509 SubjectPublicKeyInfo
 */
public record Checkpoint(long seq, byte[] recordHash, Instant signedAt, String keyId, byte[] signature) {

    static final byte[] DOMAIN = "WARD-AUDIT-CHECKPOINT-1".getBytes(StandardCharsets.US_ASCII);

    public Checkpoint {
        if (seq < 1) {
            throw new IllegalArgumentException("a checkpoint covers at least record 1, was " + seq);
        }
        recordHash = Objects.requireNonNull(recordHash, "recordHash").clone();
        if (recordHash.length != CanonicalRecord.HASH_BYTES) {
            throw new IllegalArgumentException("record hash must be 32 bytes, was " + recordHash.length);
        }
        signedAt = Objects.requireNonNull(signedAt, "signedAt").truncatedTo(ChronoUnit.MICROS);
        Objects.requireNonNull(keyId, "keyId");
        signature = Objects.requireNonNull(signature, "signature").clone();
    }

    static byte[] signedBytes(long seq, byte[] recordHash, Instant signedAt) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(DOMAIN.length + 48);
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.write(DOMAIN);
            out.writeLong(seq);
            out.write(recordHash);
            out.writeLong(CanonicalRecord.micros(signedAt.truncatedTo(ChronoUnit.MICROS)));
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return buffer.toByteArray();
    }

    byte[] signedBytes() {
        return signedBytes(seq, recordHash, signedAt);
    }

    @Override
    public byte[] recordHash() {
        return recordHash.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint c && seq == c.seq && Arrays.equals(recordHash, c.recordHash)
                && signedAt.equals(c.signedAt) && keyId.equals(c.keyId) && Arrays.equals(signature, c.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(seq, Arrays.hashCode(recordHash), signedAt);
    }

    @Override
    public String toString() {
        return "Checkpoint[seq=" + seq + ", recordHash=" + HexFormat.of().formatHex(recordHash) + ", signedAt="
                + signedAt + ", keyId=" + keyId + "]";
    }
}
