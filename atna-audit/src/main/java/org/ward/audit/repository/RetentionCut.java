package org.ward.audit.repository;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One row of {@code audit_retention_cuts}: records {@code firstSeq..upToSeq} were exported to the
 * archive {@code archiveName} (whose file has SHA-256 {@code archiveSha256}) and removed. The chain
 * goes on from {@code lastHash}, the hash of record {@code upToSeq}; {@code previousHash} is the hash
 * the first removed record chained from, so successive cuts must continue one another.
 *
 * <p>Signed bytes: US-ASCII {@code "WARD-AUDIT-CUT-1"} · int64 firstSeq · 32-byte previousHash ·
 * int64 upToSeq · 32-byte lastHash · int32 length + UTF-8 archiveName · 32-byte archiveSha256 ·
 * int64 cutAt microseconds since the epoch; SHA256withECDSA with the checkpoint key, DER.
 */
public record RetentionCut(long firstSeq, long upToSeq, byte[] previousHash, byte[] lastHash, String archiveName,
                           byte[] archiveSha256, Instant cutAt, String keyId, byte[] signature) {

    static final byte[] DOMAIN = "WARD-AUDIT-CUT-1".getBytes(StandardCharsets.US_ASCII);

    public RetentionCut {
        if (firstSeq < 1 || upToSeq < firstSeq) {
            throw new IllegalArgumentException("a cut removes records firstSeq..upToSeq, from 1; was "
                    + firstSeq + ".." + upToSeq);
        }
        previousHash = hash(previousHash, "previousHash");
        lastHash = hash(lastHash, "lastHash");
        Objects.requireNonNull(archiveName, "archiveName");
        archiveSha256 = hash(archiveSha256, "archiveSha256");
        cutAt = Objects.requireNonNull(cutAt, "cutAt").truncatedTo(ChronoUnit.MICROS);
        Objects.requireNonNull(keyId, "keyId");
        signature = Objects.requireNonNull(signature, "signature").clone();
    }

    /** Signs a new cut with the repository's key. */
    static RetentionCut sign(CheckpointKey key, long firstSeq, long upToSeq, byte[] previousHash, byte[] lastHash,
                             String archiveName, byte[] archiveSha256, Instant cutAt)
            throws GeneralSecurityException {
        RetentionCut unsigned = new RetentionCut(firstSeq, upToSeq, previousHash, lastHash, archiveName,
                archiveSha256, cutAt, key.keyId(), new byte[0]);
        return new RetentionCut(firstSeq, upToSeq, previousHash, lastHash, archiveName, archiveSha256,
                unsigned.cutAt(), key.keyId(), key.sign(unsigned.signedBytes()));
    }

    boolean verifiesWith(CheckpointKey key) {
        return key.keyId().equals(keyId) && key.verify(signedBytes(), signature);
    }

    /** How many records the cut removed. */
    public long count() {
        return upToSeq - firstSeq + 1;
    }

    byte[] signedBytes() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.write(DOMAIN);
            out.writeLong(firstSeq);
            out.write(previousHash);
            out.writeLong(upToSeq);
            out.write(lastHash);
            byte[] name = archiveName.getBytes(StandardCharsets.UTF_8);
            out.writeInt(name.length);
            out.write(name);
            out.write(archiveSha256);
            out.writeLong(CanonicalRecord.micros(cutAt));
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return buffer.toByteArray();
    }

    private static byte[] hash(byte[] value, String name) {
        Objects.requireNonNull(value, name);
        if (value.length != CanonicalRecord.HASH_BYTES) {
            throw new IllegalArgumentException(name + " must be 32 bytes, was " + value.length);
        }
        return value.clone();
    }

    @Override
    public byte[] previousHash() {
        return previousHash.clone();
    }

    @Override
    public byte[] lastHash() {
        return lastHash.clone();
    }

    @Override
    public byte[] archiveSha256() {
        return archiveSha256.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RetentionCut c && firstSeq == c.firstSeq && upToSeq == c.upToSeq
                && Arrays.equals(previousHash, c.previousHash) && Arrays.equals(lastHash, c.lastHash)
                && archiveName.equals(c.archiveName) && Arrays.equals(archiveSha256, c.archiveSha256)
                && cutAt.equals(c.cutAt) && keyId.equals(c.keyId) && Arrays.equals(signature, c.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(firstSeq, upToSeq, Arrays.hashCode(lastHash), archiveName);
    }

    @Override
    public String toString() {
        return "RetentionCut[records " + firstSeq + ".." + upToSeq + ", lastHash="
                + HexFormat.of().formatHex(lastHash) + ", archive=" + archiveName + ", cutAt=" + cutAt + "]";
    }
}
