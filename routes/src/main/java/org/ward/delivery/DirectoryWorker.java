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
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
    private static final Duration IDLE_POLL = Duration.ofSeconds(1);
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");
    private static final int MAX_CONTROL_ID_CHARS = 64;

    private final String destination;
    private final Path directory;
    private final DeliveryQueue queue;
    private final DeliveryListener listener;
    private final Backoff backoff;
    private final Clock clock;
    private final BlockingQueue<Boolean> wakeups = new ArrayBlockingQueue<>(1);
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean stopping;
    /** Failed writes in a row; only the worker thread touches it. */
    private int consecutiveFailures;

    public DirectoryWorker(String destination, Path directory, DeliveryQueue queue, DeliveryListener listener,
                           Backoff backoff, Clock clock) {
        this.destination = Objects.requireNonNull(destination, "destination");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.thread = new Thread(this::run, "ward-delivery-" + destination);
        // The queue keeps every undelivered message, so an exit mid-write loses nothing.
        this.thread.setDaemon(true);
        this.thread.setUncaughtExceptionHandler((t, e) ->
                LOG.error("destination {}: delivery stopped by an unexpected error", destination, e));
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
        return destination;
    }

    @Override
    public void start() {
        thread.start();
    }

    @Override
    public void wake() {
        wakeups.offer(Boolean.TRUE);
    }

    @Override
    public boolean stop(Duration grace) {
        stopping = true;
        stopRequested.countDown();
        wakeups.offer(Boolean.TRUE);
        try {
            thread.join(Math.max(1, grace.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.error("destination {}: delivery thread did not stop", destination);
            return false;
        }
        return true;
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(5));
    }

    private void run() {
        LOG.info("destination {}: delivery to directory {} started", destination, directory);
        while (!stopping) {
            try {
                Optional<QueuedMessage> next = queue.next(destination);
                if (next.isPresent()) {
                    deliver(next.get());
                } else {
                    idle();
                }
            } catch (RuntimeException e) {
                // The queue (the journal) failed: nothing was recorded, so the same message comes next.
                consecutiveFailures++;
                Duration delay = backoff.delay(consecutiveFailures);
                LOG.error("destination {}: delivery queue failed, trying again in {} ms", destination,
                        delay.toMillis(), e);
                pause(delay);
            }
        }
        LOG.info("destination {}: delivery stopped", destination);
    }

    private void deliver(QueuedMessage message) {
        int attempt = message.attempts() + 1;
        try {
            write(message);
        } catch (IOException e) {
            consecutiveFailures++;
            Duration delay = backoff.delay(consecutiveFailures);
            Instant notBefore = clock.instant().plus(delay);
            // File-system messages name paths, which carry only the message id and MSH-10.
            String reason = "cannot write to " + directory + ": " + e;
            queue.retryLater(destination, message.id(), reason, notBefore);
            LOG.warn("destination {}: message {} not written, trying again in {} ms ({})", destination,
                    message.id(), delay.toMillis(), e.toString());
            listener.retrying(new DeliveryEvent(destination, message.id(), message.controlId(), attempt,
                    clock.instant(), reason), notBefore);
            pause(delay);
            return;
        }
        consecutiveFailures = 0;
        Instant at = clock.instant();
        queue.delivered(destination, message.id(), at);
        listener.delivered(new DeliveryEvent(destination, message.id(), message.controlId(), attempt, at,
                "written to " + directory));
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

    private void idle() {
        try {
            wakeups.poll(IDLE_POLL.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            stopping = true;
            Thread.currentThread().interrupt();
        }
    }

    private void pause(Duration delay) {
        try {
            stopRequested.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            stopping = true;
            Thread.currentThread().interrupt();
        }
    }
}
