package org.ward.delivery;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one destination's queue into a directory, in order: one file per message, named
 * {@code <message id, 20 digits>-<MSH-10, sanitised>.hl7} so that name order is delivery order.
 *
 * <p>A file appears whole or not at all: the payload goes to a hidden {@code .tmp} file in the same
 * directory, is forced to disk, and is renamed into place atomically; then the directory itself is
 * forced, and only then is the message recorded as delivered. A crash between the rename and that
 * record writes the same file again on restart (at least once). A file system does not reject a
 * message, so nothing here is dead-lettered: a failed write is retried, spaced by {@link Backoff},
 * and the message stays first in line.
 *
 * <p>This is a worker of its own rather than a {@link DestinationTransport} under
 * {@link DeliveryWorker}: a transport would have to invent an acknowledgement, and it would not
 * know the message id the file is named after.
 */
public final class DirectoryWorker implements DestinationWorker {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryWorker.class);
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");
    private static final int MAX_CONTROL_ID_CHARS = 64;

    private final Path directory;
    private final DeliveryLoop loop;

    public DirectoryWorker(String destination, Path directory, DeliveryQueue queue, DeliveryListener listener,
                           Backoff backoff, Clock clock) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.loop = new DeliveryLoop(LOG, destination, "directory " + directory, queue, listener, backoff, clock,
                this::deliver, () -> { });
    }

    /** The file name of message {@code id} with MSH-10 {@code controlId}. */
    static String fileName(long id, String controlId) {
        String safe = UNSAFE.matcher(controlId).replaceAll("_");
        if (safe.length() > MAX_CONTROL_ID_CHARS) {
            safe = safe.substring(0, MAX_CONTROL_ID_CHARS);
        }
        return String.format("%020d-%s.hl7", id, safe);
    }

    @Override
    public String destination() {
        return loop.destination();
    }

    @Override
    public void start() {
        loop.start();
    }

    @Override
    public void wake() {
        loop.wake();
    }

    @Override
    public boolean stop(Duration grace) {
        return loop.stop(grace);
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(5));
    }

    private void deliver(QueuedMessage message, int attempt) {
        try {
            write(message);
        } catch (IOException e) {
            // File-system messages name paths, which carry only the message id and MSH-10.
            loop.retry(message, attempt, "cannot write to " + directory + ": " + e);
            return;
        }
        loop.delivered(message, attempt, "written to " + directory);
    }

    private void write(QueuedMessage message) throws IOException {
        Files.createDirectories(directory);
        String name = fileName(message.id(), message.controlId());
        Path target = directory.resolve(name);
        Path temporary = directory.resolve("." + name + ".tmp");
        Files.deleteIfExists(temporary);
        try (FileChannel file = FileChannel.open(temporary,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly())) {
            ByteBuffer payload = ByteBuffer.wrap(message.payload());
            while (payload.hasRemaining()) {
                file.write(payload);
            }
            file.force(true);
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        // The rename is durable only once the directory entry is on disk.
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    /** Payloads are patient data: rw------- where the file system has POSIX permissions. */
    private static FileAttribute<?>[] ownerOnly() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
    }
}
