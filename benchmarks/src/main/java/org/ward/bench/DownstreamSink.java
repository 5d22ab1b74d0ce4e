package org.ward.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.ward.mllp.Mllp;
import org.ward.tls.KeyMaterial;
import org.ward.tls.TlsContexts;
import org.ward.tls.TrustAnchors;

/**
 * The downstream MLLP/TLS receiver of {@code run-targets.sh}: Ward's one destination. Mutual TLS on
 * 127.0.0.1 (client certificate required), one thread per connection, answers every frame AA with
 * MSA-2 = its MSH-10 and counts what it received; the count goes to a file once a second, so the
 * script can tell whether delivery kept up with the load.
 *
 * <pre>DownstreamSink PORT SERVER.p12 TRUST.pem COUNT-FILE</pre>
 * (the key store password is read from SERVER.p12.password)
 */
public final class DownstreamSink {

    private static final int MAX_FRAME_BYTES = 1 << 20;

    private final AtomicLong received = new AtomicLong();

    private DownstreamSink() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: DownstreamSink PORT SERVER.p12 TRUST.pem COUNT-FILE");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        Path p12 = Path.of(args[1]);
        SSLContext context = TlsContexts.sslContext(KeyMaterial.load(p12, KeyMaterial.passwordFileFor(p12)),
                TrustAnchors.trustManager(Path.of(args[2])));
        SSLServerSocket server = bind(context, port);
        DownstreamSink sink = new DownstreamSink();
        Path countFile = Path.of(args[3]);
        daemon("downstream-count", () -> sink.writeCounts(countFile));
        System.out.println("downstream listening on 127.0.0.1:" + server.getLocalPort());
        System.out.flush();
        sink.accept(server);
    }

    /**
     * The same receiver inside another program (the delivery throughput harness): listens on
     * {@code port} (0 for any) and accepts on a daemon thread.
     */
    static InProcess startInProcess(SSLContext context, int port) throws IOException {
        SSLServerSocket server = bind(context, port);
        DownstreamSink sink = new DownstreamSink();
        daemon("downstream-connection", () -> {
            try {
                sink.accept(server);
            } catch (IOException e) {
                // the server socket was closed: the harness is done
            }
        });
        return new InProcess(server, sink.received);
    }

    /** A receiver started by {@link #startInProcess}: its port and the frames it answered so far. */
    record InProcess(SSLServerSocket server, AtomicLong received) implements AutoCloseable {
        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    private static SSLServerSocket bind(SSLContext context, int port) throws IOException {
        SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
        server.setReuseAddress(true);
        server.setNeedClientAuth(true);
        server.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        server.bind(new InetSocketAddress("127.0.0.1", port));
        return server;
    }

    private void accept(SSLServerSocket server) throws IOException {
        while (true) {
            Socket socket = server.accept();
            daemon("downstream-connection", () -> serve((SSLSocket) socket));
        }
    }

    private void writeCounts(Path file) {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        while (true) {
            try {
                Files.writeString(temp, received.get() + "\n");
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                Thread.sleep(1000);
            } catch (IOException e) {
                System.err.println("downstream: cannot write " + file + ": " + e.getMessage());
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(name.equals("downstream-count") || name.equals("downstream-connection"));
        thread.start();
    }

    private void serve(SSLSocket socket) {
        try (socket) {
            socket.startHandshake();
            InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            OutputStream out = socket.getOutputStream();
            byte[] message;
            while ((message = readFrame(in)) != null) {
                String controlId = controlId(new String(message, StandardCharsets.ISO_8859_1));
                received.incrementAndGet();
                byte[] ack = ("MSH|^~\\&|SINK|DOWNSTREAM|WARD|FACILITY|20260101120000||ACK^R01^ACK|ACK-" + controlId
                        + "|P|2.6\rMSA|AA|" + controlId + "\r").getBytes(StandardCharsets.ISO_8859_1);
                byte[] frame = new byte[ack.length + 3];
                frame[0] = Mllp.START_BLOCK;
                System.arraycopy(ack, 0, frame, 1, ack.length);
                frame[frame.length - 2] = Mllp.END_BLOCK;
                frame[frame.length - 1] = Mllp.CARRIAGE_RETURN;
                out.write(frame);
                out.flush();
            }
        } catch (IOException e) {
            // Ward closed the connection or stopped: this connection's work is over
        }
    }

    /** MSH-10, or empty when the header has fewer fields. */
    private static String controlId(String message) {
        int end = message.indexOf('\r');
        String[] fields = (end < 0 ? message : message.substring(0, end)).split("\\|", -1);
        return fields.length > 9 ? fields[9] : "";
    }

    /** The next MLLP payload, or null at end of stream. */
    private static byte[] readFrame(InputStream in) throws IOException {
        int b;
        while ((b = in.read()) != Mllp.START_BLOCK) {
            if (b < 0) {
                return null;
            }
        }
        ByteArrayOutputStream payload = new ByteArrayOutputStream(2048);
        while ((b = in.read()) != Mllp.END_BLOCK) {
            if (b < 0) {
                return null;
            }
            if (payload.size() >= MAX_FRAME_BYTES) {
                throw new IOException("frame exceeds " + MAX_FRAME_BYTES + " bytes");
            }
            payload.write(b);
        }
        if (in.read() != Mllp.CARRIAGE_RETURN) {
            throw new IOException("end block not followed by CR");
        }
        return payload.toByteArray();
    }
}
