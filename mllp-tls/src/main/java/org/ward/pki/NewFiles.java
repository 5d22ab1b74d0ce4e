package org.ward.pki;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Creates files that did not exist, with their mode set by the creating {@code open(2)} call, so a
 * secret is never readable by others even for an instant, and an existing file is never overwritten;
 * or replaces a file atomically ({@link #replace}), for the registry and CRL that change over time.
 */
final class NewFiles {

    static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> PUBLIC_FILE = PosixFilePermissions.fromString("rw-r--r--");

    private NewFiles() {
    }

    /** Writes {@code content} to a new file and forces it to disk before returning. */
    static void write(Path file, byte[] content, Set<PosixFilePermission> mode) throws IOException {
        requirePosix(file.toAbsolutePath().getParent());
        try (FileChannel channel = FileChannel.open(file,
                EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(mode))) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /**
     * Replaces {@code file} (or creates it) so that a reader sees either the old or the new content,
     * never a mix: the content goes to a new sibling file, is forced to disk, and is renamed over
     * {@code file} (rename(2) is atomic within one directory).
     */
    static void replace(Path file, byte[] content, Set<PosixFilePermission> mode) throws IOException {
        Path temporary = file.resolveSibling("." + file.getFileName() + ".new");
        Files.deleteIfExists(temporary);
        write(temporary, content, mode);
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
    }

    static void requirePosix(Path path) {
        if (Files.getFileAttributeView(path, PosixFileAttributeView.class) == null) {
            throw new UnsupportedOperationException("The facility PKI keeps secrets with POSIX mode 0600;"
                    + " the file system of " + path + " has no POSIX permissions");
        }
    }
}
