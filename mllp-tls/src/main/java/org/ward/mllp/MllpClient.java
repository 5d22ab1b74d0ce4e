package org.ward.mllp;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A blocking MLLP client, over TLS (or, for the load generator's bare baseline only, plain TCP):
 * send one payload, wait for one framed reply. Replies are cut by
 * the same {@link MllpFrameDecoder} the server uses, so client and server agree on every framing
 * rule. Not thread-safe: one exchange at a time per connection.
 */
public final class MllpClient implements Closeable {

    private final java.net.Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final EmbeddedChannel decoder;

    private MllpClient(java.net.Socket socket, int maxFrameBytes) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.decoder = new EmbeddedChannel(new MllpFrameDecoder(maxFrameBytes));
    }

    /** Connects and completes the TLS handshake, so certificate problems surface here. */
    public static MllpClient connect(String host, int port, SSLContext context, SSLParameters parameters,
                                     Duration timeout, int maxFrameBytes) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
        try {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            socket.setTcpNoDelay(true); // one small block each way per exchange: Nagle would hold the ACK's reply back
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return new MllpClient(socket, maxFrameBytes);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Connects without TLS. Only for measuring a bare reference receiver on the same machine
     * ({@code ward bench --baseline}); Ward's listeners accept nothing but mutual TLS.
     */
    public static MllpClient connectPlain(String host, int port, Duration timeout, int maxFrameBytes) throws IOException {
        java.net.Socket socket = new java.net.Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            socket.setTcpNoDelay(true);
            return new MllpClient(socket, maxFrameBytes);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Sends {@code payload} in one MLLP block and returns the payload of the next block received. */
    public byte[] exchange(byte[] payload) throws IOException {
        send(payload);
        return receive();
    }

    /** Sends {@code payload} in one MLLP block without waiting for a reply. */
    public void send(byte[] payload) throws IOException {
        byte[] frame = new byte[payload.length + 3];
        frame[0] = Mllp.START_BLOCK;
        System.arraycopy(payload, 0, frame, 1, payload.length);
        frame[frame.length - 2] = Mllp.END_BLOCK;
        frame[frame.length - 1] = Mllp.CARRIAGE_RETURN;
        out.write(frame);
        out.flush();
    }

    /**
     * Waits up to {@code wait} for a further MLLP block that may or may not come (an enhanced-mode
     * acknowledgment sent only on error or only on success); empty when none arrived in time.
     */
    public Optional<byte[]> receive(Duration wait) throws IOException {
        int timeout = socket.getSoTimeout();
        socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
        try {
            return Optional.of(receive());
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        } finally {
            socket.setSoTimeout(timeout);
        }
    }

    /**
     * Waits for the next MLLP block, e.g. the application ACK that follows an enhanced-mode accept
     * ACK on the same connection.
     */
    public byte[] receive() throws IOException {
        byte[] buffer = new byte[8192];
        while (true) {
            byte[] reply = decoder.readInbound();
            if (reply != null) {
                return reply;
            }
            if (!decoder.isOpen()) {
                throw new IOException("reply from " + socket.getRemoteSocketAddress() + " broke MLLP framing");
            }
            int n;
            try {
                n = in.read(buffer);
            } catch (SocketTimeoutException e) {
                throw new SocketTimeoutException("no reply from " + socket.getRemoteSocketAddress() + " within "
                        + socket.getSoTimeout() + " ms");
            }
            if (n < 0) {
                throw new IOException("connection closed by " + socket.getRemoteSocketAddress() + " before a reply");
            }
            decoder.writeInbound(Unpooled.copiedBuffer(buffer, 0, n));
        }
    }

    @Override
    public void close() throws IOException {
        decoder.finishAndReleaseAll();
        socket.close();
    }

}
