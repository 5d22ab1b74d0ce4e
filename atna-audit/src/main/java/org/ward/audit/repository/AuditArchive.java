package org.ward.audit.repository;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.ward.audit.repository.VerifyResult.Breach;

/**
 * A retention archive: the records one retention cut removed, readable without Ward
 * (docs/AUDIT-REPOSITORY.md, "Retention"). A zip file {@code ward-audit-<first>-<last>.zip} holding
 * <ul>
 * <li>{@value #RECORDS_ENTRY}: one JSON object per line and record, in seq order, with every column,
 *     its index rows, {@code raw} (the SYSLOG-MSG as received, base64) and its chain {@code hash} (hex);
 * <li>{@value #MANIFEST_ENTRY}: {@link ArchiveManifest};
 * <li>{@value #SIGNATURE_ENTRY}: SHA256withECDSA (DER) over the manifest's bytes with the
 *     repository's checkpoint key, so {@code openssl dgst -sha256 -verify} checks it.
 * </ul>
 *
 * <pre>{@code
 * VerifyResult r = AuditArchive.verify(archive, dataDir.resolve("audit-repository")); // or a PublicKey
 * }</pre>
 */
public final class AuditArchive {

    public static final String RECORDS_ENTRY = "records.jsonl";
    public static final String MANIFEST_ENTRY = "manifest.json";
    public static final String SIGNATURE_ENTRY = "manifest.sig";

    private static final Pattern NAME = Pattern.compile("ward-audit-(\\d{12,19})-(\\d{12,19})\\.zip");
    private static final int MAX_MANIFEST_BYTES = 64 * 1024;
    private static final int MAX_SIGNATURE_BYTES = 1024;
    /** The longest record line read back: a raw record as base64 plus its columns. */
    private static final int MAX_LINE_BYTES = ArchiveJson.MAX_STRING_CHARS + 64 * 1024;

    private AuditArchive() {
    }

    static String fileName(long firstSeq, long lastSeq) {
        return String.format("ward-audit-%012d-%012d.zip", firstSeq, lastSeq);
    }

    /** The records an archive file's name says it holds. */
    record SeqRange(long first, long last) {

        /** Empty if {@code fileName} is not an archive's name. */
        static Optional<SeqRange> of(String fileName) {
            Matcher m = NAME.matcher(fileName);
            return m.matches() ? Optional.of(new SeqRange(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))))
                    : Optional.empty();
        }
    }

    /** Verifies an archive with the public key in a repository directory ({@code checkpoint-key.pub}). */
    public static VerifyResult verify(Path archive, Path repositoryDirectory) {
        PublicKey key;
        try {
            key = CheckpointKey.readPublic(repositoryDirectory);
        } catch (IOException | GeneralSecurityException e) {
            return VerifyResult.broken(0, 0, 0, Breach.UNVERIFIABLE, 0,
                    "cannot read the checkpoint public key: " + e.getMessage());
        }
        return verify(archive, key);
    }

    /**
     * Checks the manifest's signature, the checkpoint in it, and that the records chain from the
     * manifest's previous hash, seq by seq, to its last hash, with the SHA-256 it names. Stops at the
     * first breach.
     */
    public static VerifyResult verify(Path archive, PublicKey publicKey) {
        Objects.requireNonNull(archive, "archive");
        CheckpointKey key = CheckpointKey.verifyOnly(Objects.requireNonNull(publicKey, "publicKey"));
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            byte[] manifestBytes = entry(zip, MANIFEST_ENTRY, MAX_MANIFEST_BYTES);
            byte[] signature = entry(zip, SIGNATURE_ENTRY, MAX_SIGNATURE_BYTES);
            if (!key.verify(manifestBytes, signature)) {
                return VerifyResult.broken(0, 0, 0, Breach.BAD_SIGNATURE, 0,
                        "the archive's manifest signature does not verify with this key");
            }
            ArchiveManifest manifest;
            try {
                manifest = ArchiveManifest.parse(manifestBytes);
            } catch (IllegalArgumentException e) {
                return VerifyResult.broken(0, 0, 0, Breach.UNVERIFIABLE, 0,
                        "the archive's signed manifest is not one this Ward reads: " + e.getMessage());
            }
            Checkpoint checkpoint = manifest.checkpoint();
            if (!manifest.keyId().equals(key.keyId()) || !key.verify(checkpoint)) {
                return VerifyResult.broken(0, 0, 0, Breach.BAD_SIGNATURE, 0,
                        "the checkpoint in the archive's manifest has a bad signature (or another key's)");
            }
            if (checkpoint.seq() != manifest.lastSeq()
                    || !Arrays.equals(checkpoint.recordHash(), manifest.lastHash())) {
                return VerifyResult.broken(0, 0, 0, Breach.CHECKPOINT_MISMATCH, 0,
                        "the manifest's last record and hash differ from the checkpoint it carries");
            }
            ZipEntry records = zip.getEntry(RECORDS_ENTRY);
            if (records == null) {
                return VerifyResult.broken(0, 0, 0, Breach.RECORD_MISSING, manifest.firstSeq(),
                        "the archive has no " + RECORDS_ENTRY);
            }
            try (InputStream in = zip.getInputStream(records)) {
                return walk(manifest, in);
            }
        } catch (IOException e) {
            return VerifyResult.broken(0, 0, 0, Breach.UNVERIFIABLE, 0,
                    "cannot read the archive " + archive.getFileName() + ": " + e.getMessage());
        }
    }

    /** The manifest, unverified (for listing); {@link #verify} before trusting it. */
    public static ArchiveManifest manifest(Path archive) throws IOException {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            return ArchiveManifest.parse(entry(zip, MANIFEST_ENTRY, MAX_MANIFEST_BYTES));
        } catch (IllegalArgumentException e) {
            throw new IOException("the manifest of " + archive.getFileName() + " is malformed: " + e.getMessage(), e);
        }
    }

    private static VerifyResult walk(ArchiveManifest manifest, InputStream in) throws IOException {
        MessageDigest sha256 = CanonicalRecord.sha256();
        InputStream digesting = new BufferedInputStream(new DigestInputStream(in, sha256), 64 * 1024);
        long expected = manifest.firstSeq();
        byte[] previous = manifest.previousHash();
        long checked = 0;
        byte[] line;
        while ((line = readLine(digesting)) != null) {
            ArchiveJson.Line parsed;
            try {
                parsed = ArchiveJson.parse(line);
            } catch (RuntimeException e) { // IllegalArgument, DateTimeParse, Arithmetic: all from the text
                return VerifyResult.broken(checked, 1, expected - 1, Breach.RECORD_ALTERED, expected,
                        "the line for record " + expected + " is not a record this Ward wrote (" + e.getMessage() + ")");
            }
            long seq = parsed.row().seq();
            if (seq != expected) {
                return VerifyResult.broken(checked, 1, expected - 1, Breach.RECORD_MISSING, expected,
                        seq > expected ? "records " + expected + " to " + (seq - 1) + " are missing from the archive"
                                : "record " + seq + " appears out of order");
            }
            if (seq > manifest.lastSeq()) {
                return VerifyResult.broken(checked, 1, seq - 1, Breach.RECORD_ALTERED, seq,
                        "the archive holds record " + seq + ", beyond its manifest's last record " + manifest.lastSeq());
            }
            byte[] computed = CanonicalRecord.chain(previous, parsed.row());
            if (!Arrays.equals(computed, parsed.hash())) {
                return VerifyResult.broken(checked, 1, seq - 1, Breach.RECORD_ALTERED, seq,
                        "archived record " + seq + " does not match its hash (a field was changed)");
            }
            previous = computed;
            expected = seq + 1;
            checked++;
        }
        long lastSeq = expected - 1;
        if (lastSeq < manifest.lastSeq()) {
            return VerifyResult.broken(checked, 1, lastSeq, Breach.TAIL_TRUNCATED, lastSeq + 1,
                    "the archive ends at record " + lastSeq + " but its manifest says " + manifest.lastSeq());
        }
        if (!Arrays.equals(previous, manifest.lastHash())) {
            return VerifyResult.broken(checked, 1, lastSeq, Breach.CHECKPOINT_MISMATCH, 0,
                    "the archived chain ends at a hash other than the signed one: records were altered and rehashed");
        }
        if (!Arrays.equals(sha256.digest(), manifest.recordsSha256())) {
            return VerifyResult.broken(checked, 1, lastSeq, Breach.RECORD_ALTERED, 0,
                    RECORDS_ENTRY + " differs from the SHA-256 in the signed manifest");
        }
        return new VerifyResult(checked, 1, lastSeq, null, OptionalLong.empty(), "archive intact: records "
                + manifest.firstSeq() + " to " + lastSeq + " (" + checked + "), chained to the checkpoint signed at "
                + manifest.checkpoint().signedAt());
    }

    private static byte[] entry(ZipFile zip, String name, int maxBytes) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new IOException("no " + name + " in the archive");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new IOException(name + " exceeds " + maxBytes + " bytes");
            }
            return bytes;
        }
    }

    /** The next line without its LF, or null at the end; a line beyond the bound is an error. */
    private static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(4096);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                return line.toByteArray();
            }
            if (line.size() >= MAX_LINE_BYTES) {
                throw new IOException("a line of " + RECORDS_ENTRY + " exceeds " + MAX_LINE_BYTES + " bytes");
            }
            line.write(b);
        }
        if (line.size() > 0) {
            throw new IOException(RECORDS_ENTRY + " ends without a line feed (truncated)");
        }
        return null;
    }
}
