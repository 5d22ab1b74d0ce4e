package org.ward.audit.repository;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;

/**
 * {@code manifest.json} of a retention archive (docs/AUDIT-REPOSITORY.md, "Retention"): which records
 * the archive holds, the hash the first one chains from, the last hash, the SHA-256 of
 * {@code records.jsonl}, and the repository's signed checkpoint at the last record. The manifest's
 * bytes are signed as they are ({@code manifest.sig}), so it is written once and never re-encoded.
 *
 * @param previousHash the chain hash before {@code firstSeq} (32 zero bytes when it is record 1)
 * @param checkpoint the checkpoint the writer signed at {@code lastSeq} when it stored the records
 * @param keyId the signing key's id, as in {@link Checkpoint#keyId()}
 */
public record ArchiveManifest(long firstSeq, long lastSeq, long count, byte[] previousHash, byte[] lastHash,
                              byte[] recordsSha256, Checkpoint checkpoint, Instant createdAt, String keyId) {

    public static final String FORMAT = "ward-audit-archive-1";

    public ArchiveManifest {
        if (firstSeq < 1 || lastSeq < firstSeq || count != lastSeq - firstSeq + 1) {
            throw new IllegalArgumentException("an archive holds records firstSeq..lastSeq, count of them; was "
                    + firstSeq + ".." + lastSeq + ", count " + count);
        }
        previousHash = hash(previousHash, "previous_hash");
        lastHash = hash(lastHash, "last_hash");
        recordsSha256 = hash(recordsSha256, "records_sha256");
        Objects.requireNonNull(checkpoint, "checkpoint");
        createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.MICROS);
        Objects.requireNonNull(keyId, "keyId");
    }

    byte[] toJson() {
        HexFormat hex = HexFormat.of();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);
        try (JsonGenerator out = ArchiveJson.FACTORY.createGenerator(buffer).useDefaultPrettyPrinter()) {
            out.writeStartObject();
            out.writeStringField("format", FORMAT);
            out.writeNumberField("canonical_record_format", CanonicalRecord.FORMAT_VERSION);
            out.writeStringField("records", AuditArchive.RECORDS_ENTRY);
            out.writeStringField("records_sha256", hex.formatHex(recordsSha256));
            out.writeNumberField("first_seq", firstSeq);
            out.writeNumberField("last_seq", lastSeq);
            out.writeNumberField("count", count);
            out.writeStringField("previous_hash", hex.formatHex(previousHash));
            out.writeStringField("last_hash", hex.formatHex(lastHash));
            out.writeObjectFieldStart("checkpoint");
            out.writeNumberField("seq", checkpoint.seq());
            out.writeStringField("record_hash", hex.formatHex(checkpoint.recordHash()));
            out.writeStringField("signed_at", checkpoint.signedAt().toString());
            out.writeStringField("key_id", checkpoint.keyId());
            out.writeStringField("signature", Base64.getEncoder().encodeToString(checkpoint.signature()));
            out.writeEndObject();
            out.writeStringField("created_at", createdAt.toString());
            out.writeStringField("key_id", keyId);
            out.writeStringField("signature_algorithm", CheckpointKey.ALGORITHM);
            out.writeStringField("signature_file", AuditArchive.SIGNATURE_ENTRY);
            out.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing JSON to memory failed", e);
        }
        buffer.write('\n');
        return buffer.toByteArray();
    }

    /** @throws IllegalArgumentException if the bytes are not a manifest of this format */
    static ArchiveManifest parse(byte[] json) {
        Map<String, Object> o = ArchiveJson.object(json);
        if (!FORMAT.equals(ArchiveJson.string(o, "format"))) {
            throw new IllegalArgumentException("format is not " + FORMAT);
        }
        if (ArchiveJson.number(o, "canonical_record_format") != CanonicalRecord.FORMAT_VERSION) {
            throw new IllegalArgumentException("canonical_record_format is not " + CanonicalRecord.FORMAT_VERSION);
        }
        HexFormat hex = HexFormat.of();
        Map<?, ?> c = ArchiveJson.map(o, "checkpoint");
        try {
            Checkpoint checkpoint = new Checkpoint(ArchiveJson.number(c, "seq"),
                    hex.parseHex(ArchiveJson.required(c, "record_hash")),
                    Instant.parse(ArchiveJson.required(c, "signed_at")), ArchiveJson.required(c, "key_id"),
                    Base64.getDecoder().decode(ArchiveJson.required(c, "signature")));
            return new ArchiveManifest(ArchiveJson.number(o, "first_seq"), ArchiveJson.number(o, "last_seq"),
                    ArchiveJson.number(o, "count"), hex.parseHex(ArchiveJson.required(o, "previous_hash")),
                    hex.parseHex(ArchiveJson.required(o, "last_hash")),
                    hex.parseHex(ArchiveJson.required(o, "records_sha256")), checkpoint,
                    Instant.parse(ArchiveJson.required(o, "created_at")), ArchiveJson.required(o, "key_id"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("a time is not an ISO-8601 instant: " + e.getParsedString(), e);
        }
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
    public byte[] recordsSha256() {
        return recordsSha256.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArchiveManifest m && firstSeq == m.firstSeq && lastSeq == m.lastSeq && count == m.count
                && Arrays.equals(previousHash, m.previousHash) && Arrays.equals(lastHash, m.lastHash)
                && Arrays.equals(recordsSha256, m.recordsSha256) && checkpoint.equals(m.checkpoint)
                && createdAt.equals(m.createdAt) && keyId.equals(m.keyId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(firstSeq, lastSeq, Arrays.hashCode(lastHash));
    }

    @Override
    public String toString() {
        return "ArchiveManifest[records " + firstSeq + ".." + lastSeq + ", lastHash="
                + HexFormat.of().formatHex(lastHash) + ", createdAt=" + createdAt + "]";
    }
}
