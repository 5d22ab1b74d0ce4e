package org.ward.conformance;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.ward.mllp.Mllp;

/**
 * A well-behaved downstream MLLP/TLS receiver for Ward's deliveries: {@link SSLServerSocket} on
 * 127.0.0.1, client certificates required, one thread per connection. Answers every message AA with
 * MSA-2 = its MSH-10 and records the MSH-10s in arrival order, duplicates included.
 */
final class DownstreamReceiver implements AutoCloseable {

    private final SSLServerSocket server;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final Set<Socket> live = ConcurrentHashMap.newKeySet();

    private DownstreamReceiver(SSLServerSocket server) {
        this.server = server;
    }

    static DownstreamReceiver start(SSLContext context) throws IOException {
        SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
        socket.setReuseAddress(true);
        socket.setNeedClientAuth(true);
        socket.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        socket.bind(new InetSocketAddress("127.0.0.1", 0));
        DownstreamReceiver receiver = new DownstreamReceiver(socket);
        daemon("downstream-accept", receiver::acceptLoop);
        return receiver;
    }

    int port() {
        return server.getLocalPort();
    }

    /** MSH-10 of every message received, duplicates included, in arrival order. */
    List<String> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : live) {
            socket.close();
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                return; // closed by close()
            }
            live.add(socket);
            daemon("downstream-connection", () -> serve((SSLSocket) socket));
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void serve(SSLSocket socket) {
        try (socket) {
            socket.startHandshake();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            byte[] message;
            while ((message = readFrame(in)) != null) {
                String controlId = controlId(new String(message, StandardCharsets.ISO_8859_1));
                received.add(controlId);
                write(out, "MSH|^~\\&|RECEIVER|DOWNSTREAM|WARD|FACILITY|20250101120000||ACK^R01^ACK|ACK-" + controlId
                        + "|P|2.6\rMSA|AA|" + controlId + "\r");
            }
        } catch (IOException e) {
            // Ward was killed or closed the connection: this connection's work is over.
        } finally {
            live.remove(socket);
        }
    }

    /** MSH-10 (the tenth field counting the separator as MSH-1). */
    private static String controlId(String message) {
        String msh = message.substring(0, message.indexOf('\r'));
        return msh.split("\\|", -1)[9];
    }

    private static void write(OutputStream out, String ack) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(Mllp.START_BLOCK);
        frame.write(ack.getBytes(StandardCharsets.ISO_8859_1));
        frame.write(Mllp.END_BLOCK);
        frame.write(Mllp.CARRIAGE_RETURN);
        out.write(frame.toByteArray());
        out.flush();
    }

    /** The next MLLP payload, or null at end of stream. Lenient: it is only a test peer. */
    private static byte[] readFrame(InputStream in) throws IOException {
        int b;
        while ((b = in.read()) != Mllp.START_BLOCK) {
            if (b < 0) {
                return null;
            }
        }
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        while ((b = in.read()) != Mllp.END_BLOCK) {
            if (b < 0) {
                return null;
            }
            payload.write(b);
        }
        if (in.read() != Mllp.CARRIAGE_RETURN) {
            throw new IOException("end block not followed by CR");
        }
        return payload.toByteArray();
    }
}
