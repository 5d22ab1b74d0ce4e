package org.ward.delivery;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ward.mllp.MllpClient;
import org.ward.tls.Bcp195CipherSuites;
import org.ward.tls.KeyMaterial;
import org.ward.tls.TlsContexts;
import org.ward.tls.TlsProtocol;
import org.ward.tls.TrustAnchors;

/**
 * A {@link DestinationTransport} over MLLP inside mutual TLS (TLS 1.3/1.2, BCP 195 suites, the
 * receiver's name checked against its certificate). Connects lazily and again after every
 * {@link #disconnect}; the TLS context is built once, so a bad key store fails at start-up.
 */
public final class MllpDestination implements DestinationTransport {

    private static final Logger LOG = LoggerFactory.getLogger(MllpDestination.class);

    private final DestinationConfig config;
    private final SSLContext context;
    private final SSLParameters parameters;
    private final AtomicReference<MllpClient> connection = new AtomicReference<>();
    private volatile boolean closed;

    MllpDestination(DestinationConfig config, SSLContext context, SSLParameters parameters) {
        this.config = Objects.requireNonNull(config, "config");
        this.context = Objects.requireNonNull(context, "context");
        this.parameters = Objects.requireNonNull(parameters, "parameters");
    }

    /** Loads the client key store and trust anchors named by {@code config}. */
    public static MllpDestination open(DestinationConfig config) throws IOException, GeneralSecurityException {
        SSLContext context = TlsContexts.sslContext(
                KeyMaterial.load(config.keyStore(), config.keyStorePasswordFile()),
                TrustAnchors.trustManager(config.trustAnchors()));
        SSLParameters parameters = TlsContexts.clientParameters(
                List.of(TlsProtocol.TLS_1_3, TlsProtocol.TLS_1_2), Bcp195CipherSuites.ALL);
        return new MllpDestination(config, context, parameters);
    }

    @Override
    public void send(byte[] payload) throws IOException {
        current().send(payload);
    }

    @Override
    public Optional<byte[]> receive(Duration wait) throws IOException {
        MllpClient client = connection.get();
        if (client == null) {
            throw new IOException("destination " + config.name() + ": not connected");
        }
        return client.receive(wait);
    }

    @Override
    public void disconnect() {
        MllpClient client = connection.getAndSet(null);
        if (client != null) {
            try {
                client.close();
            } catch (IOException | RuntimeException e) {
                // The connection is being thrown away; a failed close changes nothing but is worth seeing.
                LOG.debug("destination {}: closing the connection failed: {}", config.name(), e.toString());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        disconnect();
    }

    private MllpClient current() throws IOException {
        if (closed) {
            throw new IOException("destination " + config.name() + " is closed");
        }
        MllpClient client = connection.get();
        if (client == null) {
            client = MllpClient.connect(config.host(), config.port(), context, parameters, config.ackTimeout(),
                    config.maxFrameBytes());
            connection.set(client);
            LOG.debug("destination {}: connected to {}:{}", config.name(), config.host(), config.port());
            if (closed) {
                disconnect();
                throw new IOException("destination " + config.name() + " is closed");
            }
        }
        return client;
    }
}
