package org.ward.pki;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;

/**
 * An exclusive lock on the PKI directory, so that {@code ward pki revoke} and an engine refreshing
 * the CRL do not interleave their read-modify-write of the registry and the CRL number. An advisory
 * {@code fcntl(2)} lock: released when the process dies, so a crash never leaves it held.
 */
final class PkiLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private PkiLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Blocks until no other process holds the lock. One holder per JVM: FacilityPki methods are synchronized. */
    static PkiLock acquire(Path lockFile) throws IOException {
        NewFiles.requirePosix(lockFile.toAbsolutePath().getParent());
        FileChannel channel = FileChannel.open(lockFile,
                EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(NewFiles.OWNER_ONLY_FILE));
        try {
            return new PkiLock(channel, channel.lock());
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
