package org.ward.audit.repository;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes one retention archive ({@link AuditArchive}): records streamed into {@code records.jsonl},
 * then the manifest and its signature. The zip is written under a hidden temporary name (mode 0600,
 * created so by {@code open(2)}), fsynced, renamed into place and the directory fsynced, so an
 * archive under its final name is always complete and durable before any record is deleted.
 */
final class ArchiveWriter implements AutoCloseable {

    private final Path directory;
    private final Path target;
    private final Path temporary;
    private final FileChannel channel;
    private final MessageDigest fileSha256 = CanonicalRecord.sha256();
    private final MessageDigest recordsSha256 = CanonicalRecord.sha256();
    private final ZipOutputStream zip;
    private final long firstSeq;
    private final byte[] previousHash;
    private long nextSeq;
    private byte[] lastHash;
    private boolean finished;

    ArchiveWriter(Path directory, long firstSeq, long lastSeq, byte[] previousHash) throws IOException {
        this.directory = directory;
        createDirectory(directory);
        this.target = directory.resolve(AuditArchive.fileName(firstSeq, lastSeq));
        this.temporary = directory.resolve("." + target.getFileName() + ".partial");
        Files.deleteIfExists(temporary); // left by a run that died while writing it; incomplete by definition
        this.channel = FileChannel.open(temporary, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        OutputStream file = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024);
        this.zip = new ZipOutputStream(new DigestOutputStream(file, fileSha256));
        zip.putNextEntry(new ZipEntry(AuditArchive.RECORDS_ENTRY));
        this.firstSeq = firstSeq;
        this.nextSeq = firstSeq;
        this.previousHash = previousHash.clone();
        this.lastHash = previousHash.clone();
    }

    Path target() {
        return target;
    }

    /** Adds the next record; the caller has checked its hash against the chain. */
    void add(AuditRow row, byte[] hash) throws IOException {
        if (row.seq() != nextSeq) {
            throw new IllegalStateException("archive expects record " + nextSeq + ", got " + row.seq());
        }
        byte[] line = ArchiveJson.line(row, hash);
        recordsSha256.update(line);
        zip.write(line);
        nextSeq++;
        lastHash = hash.clone();
    }

    /**
     * Writes the manifest (signed with {@code key}), then makes the archive durable under its final
     * name.
     *
     * @param checkpoint the signed checkpoint at the last record added
     * @return the SHA-256 of the archive file
     */
    byte[] finish(CheckpointKey key, Checkpoint checkpoint, Instant createdAt)
            throws IOException, GeneralSecurityException {
        long lastSeq = nextSeq - 1;
        if (checkpoint.seq() != lastSeq || !Arrays.equals(checkpoint.recordHash(), lastHash)) {
            throw new IllegalStateException("the checkpoint does not cover the archive's last record " + lastSeq);
        }
        zip.closeEntry();
        ArchiveManifest manifest = new ArchiveManifest(firstSeq, lastSeq, lastSeq - firstSeq + 1, previousHash,
                lastHash, recordsSha256.digest(), checkpoint, createdAt, key.keyId());
        byte[] manifestBytes = manifest.toJson();
        zip.putNextEntry(new ZipEntry(AuditArchive.MANIFEST_ENTRY));
        zip.write(manifestBytes);
        zip.closeEntry();
        zip.putNextEntry(new ZipEntry(AuditArchive.SIGNATURE_ENTRY));
        zip.write(key.sign(manifestBytes));
        zip.closeEntry();
        zip.finish();
        zip.flush();
        channel.force(true);
        zip.close();
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(directory);
        finished = true;
        return fileSha256.digest();
    }

    /** Removes the temporary file unless {@link #finish} completed. */
    @Override
    public void close() throws IOException {
        if (!finished) {
            try {
                zip.close();
            } finally {
                Files.deleteIfExists(temporary);
            }
        }
    }

    /** Creates the archive directory 0700 if missing; an existing one keeps the mode its owner gave it. */
    static void createDirectory(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            syncDirectory(directory.toAbsolutePath().getParent());
        }
    }

    /** A rename or a new file is durable only once its directory is fsynced (Linux ext4/xfs). */
    static void syncDirectory(Path directory) throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }
}
