package org.ward.conformance;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One MLLP exchange through {@code openssl s_client}: connect, write one frame to its stdin, read
 * its stdout until the reply frame ends (or the connection does), then stop the process.
 *
 * <p>{@code -brief} keeps stdout for application data only and puts a one-line-per-fact summary
 * ("Protocol version:", "Ciphersuite:") or the error on stderr; {@code -ign_eof} keeps s_client
 * reading after our stdin ends. s_client verifies Ward's certificate against the facility root and
 * the name {@code localhost}, and gives up on a verification error instead of carrying on.
 *
 * @param caFile        trust anchors for the server certificate (PEM)
 * @param credential    the client certificate, its key and its CA chain, if the client has one
 * @param options       further s_client options, e.g. {@code -tls1_2 -cipher AES128-SHA256}
 */
record OpensslClient(Path caFile, Optional<Openssl.PemCredential> credential, List<String> options) {

    static final byte START_BLOCK = 0x0B;
    static final byte END_BLOCK = 0x1C;
    static final byte CARRIAGE_RETURN = 0x0D;

    /** Bound on the whole exchange: handshake, request and reply. */
    static final long EXCHANGE_TIMEOUT_MILLIS = 15_000;

    OpensslClient {
        options = List.copyOf(options);
    }

    static OpensslClient trusting(Path caFile) {
        return new OpensslClient(caFile, Optional.empty(), List.of());
    }

    OpensslClient withCredential(Openssl.PemCredential pem) {
        return new OpensslClient(caFile, Optional.of(pem), options);
    }

    /** The same client, sending its leaf certificate without the issuing CA above it. */
    OpensslClient withoutCaChain() {
        return new OpensslClient(caFile, credential.map(Openssl.PemCredential::withoutCaChain), options);
    }

    OpensslClient withOptions(String... more) {
        List<String> all = new ArrayList<>(options);
        all.addAll(List.of(more));
        return new OpensslClient(caFile, credential, all);
    }

    /** {@code 0x0B message 0x1C 0x0D}. */
    static byte[] frame(byte[] message) {
        byte[] frame = new byte[message.length + 3];
        frame[0] = START_BLOCK;
        System.arraycopy(message, 0, frame, 1, message.length);
        frame[frame.length - 2] = END_BLOCK;
        frame[frame.length - 1] = CARRIAGE_RETURN;
        return frame;
    }

    List<String> command(int port) {
        List<String> command = new ArrayList<>(List.of(Openssl.binary().toString(), "s_client",
                "-connect", "127.0.0.1:" + port, "-servername", "localhost",
                "-CAfile", caFile.toString(), "-verify_hostname", "localhost", "-verify_return_error",
                "-brief", "-ign_eof"));
        credential.ifPresent(pem -> {
            command.addAll(List.of("-cert", pem.certAndKey().toString(), "-key", pem.certAndKey().toString()));
            pem.caChain().ifPresent(chain -> command.addAll(List.of("-cert_chain", chain.toString())));
        });
        command.addAll(options);
        return command;
    }

    /** Sends {@code frame} as is and collects what came back within {@link #EXCHANGE_TIMEOUT_MILLIS}. */
    Exchange exchange(int port, byte[] frame) throws IOException, InterruptedException {
        List<String> command = command(port);
        Process process = new ProcessBuilder(command).start();
        try {
            StreamDrain stdout = StreamDrain.start(process.getInputStream(), "s_client stdout");
            StreamDrain stderr = StreamDrain.start(process.getErrorStream(), "s_client stderr");
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(EXCHANGE_TIMEOUT_MILLIS);
            boolean written = write(process.getOutputStream(), frame);
            boolean replied = stdout.awaitBytes(OpensslClient::endsFrame, EXCHANGE_TIMEOUT_MILLIS);
            // After a reply s_client would sit on the open connection until Ward's idle timeout; after a
            // refusal it exits by itself, and its exit status is part of the evidence.
            boolean exitedByItself = !replied
                    && process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            Optional<Integer> exitStatus = exitedByItself ? Optional.of(process.exitValue()) : Optional.empty();
            // Kill through the handle: Process.destroyForcibly() also closes our ends of the pipes, and
            // what the drains had not read yet (s_client's error report) would be lost.
            process.toHandle().destroyForcibly();
            if (!process.waitFor(5, TimeUnit.SECONDS) || !stdout.awaitEnd(5_000) || !stderr.awaitEnd(5_000)) {
                throw new AssertionError("s_client did not go away within 5 s of being killed: "
                        + String.join(" ", command));
            }
            return new Exchange(String.join(" ", command), written, stdout.bytes(),
                    new String(stderr.bytes(), UTF_8), exitStatus);
        } finally {
            process.destroyForcibly();
        }
    }

    /** False if s_client had already gone (broken pipe): it refused before reading our data. */
    private static boolean write(OutputStream stdin, byte[] frame) {
        try (stdin) {
            stdin.write(frame);
            stdin.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean endsFrame(byte[] bytes) {
        for (int i = 0; i + 1 < bytes.length; i++) {
            if (bytes[i] == END_BLOCK && bytes[i + 1] == CARRIAGE_RETURN) {
                return true;
            }
        }
        return false;
    }

    /**
     * What one s_client run showed.
     *
     * @param command      the command line, for failure messages
     * @param frameWritten whether s_client was still there to take the request on its stdin
     * @param stdout       application data received from Ward
     * @param stderr       s_client's summary or error report
     * @param exitStatus   the exit status if s_client ended by itself, empty if we stopped it
     */
    record Exchange(String command, boolean frameWritten, byte[] stdout, String stderr,
            Optional<Integer> exitStatus) {

        Exchange {
            stdout = stdout.clone();
        }

        @Override
        public byte[] stdout() {
            return stdout.clone();
        }

        private static final Pattern CIPHERSUITE = Pattern.compile("(?m)^Ciphersuite: (\\S+)");
        private static final Pattern PROTOCOL = Pattern.compile("(?m)^Protocol version: (\\S+)");

        boolean sawStartBlock() {
            for (byte b : stdout) {
                if (b == START_BLOCK) {
                    return true;
                }
            }
            return false;
        }

        /** "CONNECTION ESTABLISHED" is what -brief prints once s_client considers the handshake done. */
        boolean handshakeCompletedForClient() {
            return stderr.contains("CONNECTION ESTABLISHED");
        }

        Optional<String> ciphersuite() {
            return find(CIPHERSUITE);
        }

        Optional<String> protocol() {
            return find(PROTOCOL);
        }

        Optional<TlsAlert> alert() {
            return TlsAlert.receivedBy(stderr);
        }

        /** The reply's segments, CR-separated, without the MLLP envelope. */
        List<String> replySegments() {
            String text = new String(stdout, ISO_8859_1);
            int start = text.indexOf((char) START_BLOCK);
            int end = text.indexOf((char) END_BLOCK);
            if (start < 0 || end < start) {
                throw new AssertionError("no complete MLLP frame from Ward\n" + this);
            }
            return List.of(text.substring(start + 1, end).split("\r"));
        }

        /** The MSA segment of the reply. */
        String msa() {
            return replySegments().stream().filter(segment -> segment.startsWith("MSA|")).findFirst()
                    .orElseThrow(() -> new AssertionError("no MSA segment in the reply\n" + this));
        }

        private Optional<String> find(Pattern pattern) {
            Matcher matcher = pattern.matcher(stderr);
            return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
        }

        @Override
        public String toString() {
            return "$ " + command + "\nexit status: " + exitStatus.map(String::valueOf).orElse("(stopped by the test)")
                    + "\nframe written: " + frameWritten
                    + "\nstdout (" + stdout.length + " bytes): " + new String(stdout, ISO_8859_1)
                            .replace("\r", "<CR>").replace("\u000b", "<VT>").replace("\u001c", "<FS>")
                    + "\nstderr:\n" + stderr;
        }
    }
}
