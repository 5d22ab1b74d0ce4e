package org.ward.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Copies a child process's output stream into memory on its own daemon thread, so the child never
 * blocks on a full pipe and the test can wait for a condition with a deadline instead of a blocking
 * read.
 */
final class StreamDrain {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Object changed = new Object();

    private StreamDrain() {
    }

    static StreamDrain start(InputStream in, String name) {
        StreamDrain drain = new StreamDrain();
        Thread thread = new Thread(() -> drain.copy(in), name);
        thread.setDaemon(true);
        thread.start();
        return drain;
    }

    private void copy(InputStream in) {
        byte[] buffer = new byte[4096];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (changed) {
                    bytes.write(buffer, 0, n);
                    changed.notifyAll();
                }
            }
        } catch (IOException e) {
            // The stream closes under us when the process is destroyed; what was read so far is kept.
        } finally {
            ended.countDown();
            synchronized (changed) {
                changed.notifyAll();
            }
        }
    }

    /** Everything read so far. */
    byte[] bytes() {
        synchronized (changed) {
            return bytes.toByteArray();
        }
    }

    boolean ended() {
        return ended.getCount() == 0;
    }

    /**
     * Waits until what was read satisfies {@code done} or the stream ends, at most {@code millis}.
     *
     * @return whether {@code done} holds
     */
    boolean awaitBytes(Predicate<byte[]> done, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (changed) {
            while (true) {
                if (done.test(bytes.toByteArray())) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (ended() || left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(changed, left);
            }
        }
    }

    /** Waits for the end of the stream, at most {@code millis}. */
    boolean awaitEnd(long millis) throws InterruptedException {
        return ended.await(millis, TimeUnit.MILLISECONDS);
    }
}
