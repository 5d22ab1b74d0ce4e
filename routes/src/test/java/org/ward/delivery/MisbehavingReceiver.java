package org.ward.delivery;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.ward.hl7.MessageHeader;
import org.ward.mllp.Mllp;

/**
 * A downstream MLLP/TLS receiver that misbehaves on request: plain {@link SSLServerSocket} on
 * 127.0.0.1, client certificates required, one thread per connection. A {@link Script} picks the
 * {@link Answer} for each message from its MSH-10 and how often that MSH-10 has arrived; the receiver
 * can also go down and come back on the same port.
 */
final class MisbehavingReceiver implements AutoCloseable {

    /** What the receiver does with one message. */
    enum Answer {
        AA, AE, AR, CA, CE, CR,
        /** CA, then AA: an enhanced-mode receiver that sends both acknowledgements. */
        CA_THEN_AA,
        /** AA whose MSA-2 names another message. */
        WRONG_MSA2,
        /** AA, but only after {@code lateDelay}, on the same connection. */
        LATE_AA,
        /** Nothing at all; the connection stays open. */
        SILENT,
        /** Closes the connection without answering. */
        CLOSE
    }

    /** The answer to the {@code occurrence}-th arrival (from 1) of MSH-10 {@code controlId}. */
    @FunctionalInterface
    interface Script {
        Answer answer(String controlId, int occurrence);

        static Script always(Answer answer) {
            return (controlId, occurrence) -> answer;
        }
    }

    private final SSLContext context;
    private final Script script;
    private final Duration lateDelay;
    private final int port;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> occurrences = new ConcurrentHashMap<>();
    private final Map<String, byte[]> payloads = new ConcurrentHashMap<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger handshakeFailures = new AtomicInteger();
    private final Set<Socket> live = ConcurrentHashMap.newKeySet();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;

    private MisbehavingReceiver(SSLContext context, Script script, Duration lateDelay) throws IOException {
        this.context = context;
        this.script = script;
        this.lateDelay = lateDelay;
        this.server = bind(0);
        this.port = server.getLocalPort();
        accept(server);
    }

    static MisbehavingReceiver start(SSLContext context, Script script, Duration lateDelay) throws IOException {
        return new MisbehavingReceiver(context, script, lateDelay);
    }

    int port() {
        return port;
    }

    /** MSH-10 of every message received, duplicates included, in arrival order. */
    List<String> received() {
        return List.copyOf(received);
    }

    /** How often {@code controlId} arrived. */
    int count(String controlId) {
        AtomicInteger n = occurrences.get(controlId);
        return n == null ? 0 : n.get();
    }

    /** The bytes last received with MSH-10 {@code controlId}, without MLLP framing. */
    byte[] payload(String controlId) {
        return payloads.get(controlId).clone();
    }

    /** Connections whose TLS handshake succeeded. */
    int connections() {
        return connections.get();
    }

    /** Connections refused during the TLS handshake. */
    int handshakeFailures() {
        return handshakeFailures.get();
    }

    /** Stops listening and drops every connection: connects are refused until {@link #comeUp}. */
    synchronized void goDown() throws IOException {
        server.close();
        for (Socket socket : live) {
            socket.close();
        }
    }

    /** Listens again on the same port. */
    synchronized void comeUp() throws IOException {
        server = bind(port);
        accept(server);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        goDown();
        threads.forEach(Thread::interrupt); // a LATE_AA answer may be asleep
        for (Thread thread : threads) {
            thread.join(5000);
            if (thread.isAlive()) {
                throw new IllegalStateException("receiver thread " + thread.getName() + " did not stop");
            }
        }
    }

    private ServerSocket bind(int localPort) throws IOException {
        SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
        socket.setReuseAddress(true);
        socket.setNeedClientAuth(true);
        socket.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        socket.bind(new InetSocketAddress("127.0.0.1", localPort));
        return socket;
    }

    private void accept(ServerSocket listening) {
        spawn("receiver-accept", () -> {
            while (!listening.isClosed()) {
                Socket socket;
                try {
                    socket = listening.accept();
                } catch (IOException e) {
                    return; // closed by goDown()
                }
                live.add(socket);
                spawn("receiver-connection", () -> serve((SSLSocket) socket));
            }
        });
    }

    private void spawn(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    private void serve(SSLSocket socket) {
        try (socket) {
            try {
                socket.startHandshake();
            } catch (SSLException e) {
                handshakeFailures.incrementAndGet();
                return;
            }
            connections.incrementAndGet();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            byte[] message;
            while ((message = readFrame(in)) != null) {
                String controlId = MessageHeader.read(new String(message, StandardCharsets.ISO_8859_1))
                        .orElseThrow().controlId();
                payloads.put(controlId, message);
                received.add(controlId);
                int occurrence = occurrences.computeIfAbsent(controlId, k -> new AtomicInteger()).incrementAndGet();
                if (!answer(script.answer(controlId, occurrence), controlId, out)) {
                    return;
                }
            }
        } catch (IOException e) {
            // The peer or goDown() closed the connection: this connection's work is over.
        } finally {
            live.remove(socket);
        }
    }

    /** Acts out {@code answer}; false when the connection should end. */
    private boolean answer(Answer answer, String controlId, OutputStream out) throws IOException {
        switch (answer) {
            case AA, AE, CA, CE -> write(out, ack(answer.name(), controlId, ""));
            case AR, CR -> write(out, ack(answer.name(), controlId, "ERR|||200^Unsupported message type^HL70357|E\r"));
            case CA_THEN_AA -> {
                write(out, ack("CA", controlId, ""));
                write(out, ack("AA", controlId, ""));
            }
            case WRONG_MSA2 -> write(out, ack("AA", "OTHER-" + controlId, ""));
            case LATE_AA -> {
                try {
                    Thread.sleep(lateDelay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                write(out, ack("AA", controlId, ""));
            }
            case SILENT -> { }
            case CLOSE -> {
                return false;
            }
            default -> throw new IllegalStateException("unscripted answer " + answer);
        }
        return true;
    }

    private static String ack(String code, String controlId, String err) {
        return "MSH|^~\\&|RECEIVER|DOWNSTREAM|WARD|FACILITY|20250101120000||ACK^R01^ACK|ACK-" + controlId
                + "|P|2.6\rMSA|" + code + "|" + controlId + "\r" + err;
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
        while (true) {
            b = in.read();
            if (b < 0) {
                return null;
            }
            if (b == Mllp.END_BLOCK) {
                int cr = in.read();
                if (cr != Mllp.CARRIAGE_RETURN) {
                    throw new IOException("end block not followed by CR");
                }
                return payload.toByteArray();
            }
            payload.write(b);
        }
    }
}
