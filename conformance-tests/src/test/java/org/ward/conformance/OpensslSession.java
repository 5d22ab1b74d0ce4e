package org.ward.conformance;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A long-lived {@code openssl s_client} connection to Ward: its stdin stays open between frames, so
 * the TLS connection lasts until Ward (or {@link #close}) ends it. Used to watch Ward close a
 * connection whose certificate is revoked after the handshake. Every method is bounded.
 */
final class OpensslSession implements AutoCloseable {

    private final String command;
    private final Process process;
    private final OutputStream stdin;
    private final StreamDrain stdout;
    private final StreamDrain stderr;
    /** How many complete reply frames were already handed out by {@link #awaitReply}. */
    private int repliesTaken;

    private OpensslSession(List<String> command, Process process) {
        this.command = String.join(" ", command);
        this.process = process;
        this.stdin = process.getOutputStream();
        this.stdout = StreamDrain.start(process.getInputStream(), "s_client session stdout");
        this.stderr = StreamDrain.start(process.getErrorStream(), "s_client session stderr");
    }

    /** Starts {@code client}'s s_client against {@code port}; nothing is sent yet. */
    static OpensslSession open(OpensslClient client, int port) throws IOException {
        List<String> command = client.command(port);
        return new OpensslSession(command, new ProcessBuilder(command).start());
    }

    /** Writes one MLLP frame holding {@code message}. */
    void send(byte[] message) throws IOException {
        stdin.write(OpensslClient.frame(message));
        stdin.flush();
    }

    /**
     * Waits for the next reply frame, at most {@code millis}, and returns its segments.
     *
     * @throws AssertionError when none arrives in time
     */
    List<String> awaitReply(long millis) throws InterruptedException {
        int wanted = repliesTaken + 1;
        if (!stdout.awaitBytes(bytes -> frameEnds(bytes) >= wanted, millis)) {
            throw new AssertionError("no reply frame " + wanted + " within " + millis + " ms\n" + this);
        }
        String text = new String(stdout.bytes(), ISO_8859_1);
        int start = -1;
        int end = -1;
        for (int i = 0; i < wanted; i++) {
            start = text.indexOf((char) OpensslClient.START_BLOCK, end + 1);
            end = text.indexOf((char) OpensslClient.END_BLOCK, start);
        }
        repliesTaken = wanted;
        return List.of(text.substring(start + 1, end).split("\r"));
    }

    /** The MSA segment of the next reply. */
    String awaitMsa(long millis) throws InterruptedException {
        return awaitReply(millis).stream().filter(segment -> segment.startsWith("MSA|")).findFirst()
                .orElseThrow(() -> new AssertionError("no MSA segment in the reply\n" + this));
    }

    /** Whether s_client ended (because the connection did) within {@code millis}. */
    boolean awaitExit(long millis) throws InterruptedException {
        return process.waitFor(millis, TimeUnit.MILLISECONDS);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** What s_client printed on stderr so far: its summary, and how the connection ended. */
    String stderr() {
        return new String(stderr.bytes(), UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        try {
            stdin.close();
        } catch (IOException e) {
            // s_client is gone already; nothing to close.
        }
        process.toHandle().destroyForcibly();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            throw new AssertionError("s_client did not go away within 5 s of being killed: " + command);
        }
        process.destroyForcibly();
    }

    private static int frameEnds(byte[] bytes) {
        int count = 0;
        for (int i = 0; i + 1 < bytes.length; i++) {
            if (bytes[i] == OpensslClient.END_BLOCK && bytes[i + 1] == OpensslClient.CARRIAGE_RETURN) {
                count++;
            }
        }
        return count;
    }

    @Override
    public String toString() {
        return "$ " + command + "\nalive: " + process.isAlive()
                + "\nstdout: " + new String(stdout.bytes(), ISO_8859_1).replace("\r", "<CR>")
                        .replace("\u000b", "<VT>").replace("\u001c", "<FS>")
                + "\nstderr:\n" + stderr();
    }
}
