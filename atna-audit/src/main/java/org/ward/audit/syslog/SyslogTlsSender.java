package org.ward.audit.syslog;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 5425 client: one mutually authenticated TLS connection to the audit repository, on its own
 * single-thread event loop, reconnecting with exponential back-off for as long as it is open.
 *
 * <p>TLS 1.3/1.2 with AEAD suites only ({@link AuditTlsPolicy}); the client key and trust anchors
 * come from {@link SyslogTlsCredentials} and stay local to this sender. A connection is healthy
 * (state {@link ConnectionState#CONNECTED}) once its handshake completed, until it closes.
 */
public final class SyslogTlsSender implements SyslogTransport {

    private static final Logger log = LoggerFactory.getLogger(SyslogTlsSender.class);

    /** A healthy connection and its generation; replaced as a whole, so readers never mix two. */
    private record Live(Channel channel, long generation) {
    }

    private final SyslogConfig config;
    private final SslContext sslContext;
    private final ConnectionListener listener;
    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final Backoff backoff;
    private final Object monitor = new Object();

    private volatile Live live;
    private volatile ConnectionState state = ConnectionState.DISCONNECTED;
    private volatile boolean closed;
    private boolean started;
    // Event-loop confined.
    private long generations;
    private ScheduledFuture<?> reconnect;
    private Channel current;
    private long connectedAt;

    /**
     * A connection must stay up this long before the back-off starts again from its minimum; a
     * repository that accepts the handshake and then drops us (e.g. rsyslog refusing the peer name
     * under x509/name) is retried with growing delays, not every backoff-min.
     */
    private static final long STABLE_NANOS = TimeUnit.SECONDS.toNanos(10);

    public SyslogTlsSender(SyslogConfig config, SyslogTlsCredentials credentials, ConnectionListener listener) {
        this.config = Objects.requireNonNull(config, "config");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.sslContext = sslContext(credentials);
        this.backoff = new Backoff(config.backoffMin(), config.backoffMax());
        this.group = new NioEventLoopGroup(1, new DefaultThreadFactory("ward-audit-syslog", true));
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast("tls", sslHandler(ch));
                        ch.pipeline().addLast("rfc5425", new Rfc5425Framer(config.maxMessageBytes()));
                        ch.pipeline().addLast("inbound", new DiscardInbound());
                    }
                });
    }

    private static SslContext sslContext(SyslogTlsCredentials credentials) {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            char[] password = credentials.password();
            kmf.init(credentials.keyStore(), password);
            java.util.Arrays.fill(password, '\0');
            return SslContextBuilder.forClient()
                    .sslProvider(SslProvider.JDK)
                    .keyManager(kmf)
                    .trustManager(credentials.trustAnchors().toArray(new X509Certificate[0]))
                    .protocols(AuditTlsPolicy.PROTOCOLS)
                    .ciphers(AuditTlsPolicy.CIPHER_SUITES, SupportedCipherSuiteFilter.INSTANCE)
                    .build();
        } catch (GeneralSecurityException | SSLException e) {
            throw new IllegalArgumentException("cannot build the audit TLS context: " + e.getMessage(), e);
        }
    }

    private SslHandler sslHandler(SocketChannel ch) {
        SslHandler handler = sslContext.newHandler(ch.alloc(), config.host(), config.port());
        handler.setHandshakeTimeoutMillis(config.connectTimeout().toMillis());
        if (config.verifyHostname()) {
            SSLEngine engine = handler.engine();
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS"); // RFC 6125 name check (RFC 5425 §5.2)
            engine.setSSLParameters(parameters);
        }
        return handler;
    }

    @Override
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("sender is closed");
        }
        if (!started) {
            started = true;
            group.execute(this::connect);
        }
    }

    @Override
    public ConnectionState state() {
        return state;
    }

    @Override
    public long generation() {
        Live l = live;
        return l == null ? -1 : l.generation();
    }

    @Override
    public long awaitConnected(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitor) {
            while (live == null) { // also when closed: a caller polling in a loop must not spin
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return -1;
                }
                TimeUnit.NANOSECONDS.timedWait(monitor, left);
            }
            Live l = live;
            return l == null ? -1 : l.generation();
        }
    }

    @Override
    public List<CompletableFuture<Void>> sendAll(long generation, List<byte[]> syslogMsgs) {
        List<CompletableFuture<Void>> results = new ArrayList<>(syslogMsgs.size());
        Live l = live;
        if (l == null || l.generation() != generation) {
            IllegalStateException notHealthy = new IllegalStateException(
                    "audit repository connection " + generation + " is not healthy");
            syslogMsgs.forEach(m -> results.add(CompletableFuture.failedFuture(notHealthy)));
            return results;
        }
        Channel channel = l.channel();
        List<ChannelPromise> promises = new ArrayList<>(syslogMsgs.size());
        for (int i = 0; i < syslogMsgs.size(); i++) {
            CompletableFuture<Void> result = new CompletableFuture<>();
            ChannelPromise promise = channel.newPromise();
            promise.addListener((ChannelFuture f) -> {
                if (f.isSuccess()) {
                    result.complete(null);
                } else {
                    result.completeExceptionally(f.cause());
                }
            });
            promises.add(promise);
            results.add(result);
        }
        List<byte[]> messages = List.copyOf(syslogMsgs);
        // One task on the event loop for the whole batch, one flush: one TLS record run, few syscalls.
        channel.eventLoop().execute(() -> {
            for (int i = 0; i < messages.size(); i++) {
                channel.write(messages.get(i), promises.get(i));
            }
            channel.flush();
        });
        return results;
    }

    // ---- event loop ----

    private void connect() {
        reconnect = null;
        if (closed) {
            return;
        }
        setState(ConnectionState.CONNECTING, null);
        ChannelFuture connectFuture = bootstrap.connect(config.host(), config.port());
        Channel channel = connectFuture.channel();
        current = channel;
        connectFuture.addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                lost(channel, f.cause());
                return;
            }
            SslHandler ssl = channel.pipeline().get(SslHandler.class);
            ssl.handshakeFuture().addListener(h -> {
                if (h.isSuccess()) {
                    healthy(channel, ssl);
                } else {
                    lost(channel, h.cause());
                    channel.close();
                }
            });
            channel.closeFuture().addListener(c -> lost(channel, new java.io.IOException(
                    "audit repository closed the connection")));
        });
    }

    private void healthy(Channel channel, SslHandler ssl) {
        if (closed || channel != current) {
            channel.close();
            return;
        }
        connectedAt = System.nanoTime();
        Live l = new Live(channel, ++generations);
        synchronized (monitor) {
            live = l;
            monitor.notifyAll();
        }
        log.info("audit repository {}:{} connected ({} {}), connection {}", config.host(), config.port(),
                ssl.engine().getSession().getProtocol(), ssl.engine().getSession().getCipherSuite(), l.generation());
        setState(ConnectionState.CONNECTED, null);
    }

    /** Idempotent per channel: the first report of a failure or close schedules one reconnect. */
    private void lost(Channel channel, Throwable cause) {
        if (channel != current) {
            return;
        }
        current = null;
        boolean wasHealthy;
        synchronized (monitor) {
            wasHealthy = live != null && live.channel() == channel;
            live = null;
            monitor.notifyAll();
        }
        if (closed) {
            return;
        }
        if (wasHealthy && System.nanoTime() - connectedAt >= STABLE_NANOS) {
            backoff.reset();
        }
        Duration delay = backoff.next();
        log.warn("audit repository {}:{} unavailable ({}); records stay in the spool; reconnecting in {} ms",
                config.host(), config.port(), describe(cause), delay.toMillis());
        setState(ConnectionState.DISCONNECTED, cause);
        reconnect = group.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static String describe(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == cause ? String.valueOf(cause) : cause + " / " + root;
    }

    private void setState(ConnectionState next, Throwable cause) {
        state = next;
        try {
            listener.stateChanged(next, cause);
        } catch (RuntimeException e) {
            log.error("connection listener failed on {}", next, e);
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        synchronized (monitor) {
            monitor.notifyAll();
        }
        if (!group.isShuttingDown()) {
            group.submit(() -> {
                if (reconnect != null) {
                    reconnect.cancel(false);
                }
                Channel channel = current;
                current = null;
                live = null;
                if (channel != null) {
                    SslHandler ssl = channel.pipeline().get(SslHandler.class);
                    if (ssl != null && channel.isActive()) {
                        // close_notify, then FIN: the peer sees an orderly end of the stream.
                        ssl.closeOutbound().addListener(f -> channel.close());
                    } else {
                        channel.close();
                    }
                }
            }).awaitUninterruptibly(config.connectTimeout().toMillis());
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        setState(ConnectionState.CLOSED, null);
    }

    /**
     * An RFC 5425 receiver sends no application data; whatever arrives is released at once, so a
     * misbehaving peer cannot make this side buffer anything.
     */
    private static final class DiscardInbound extends ChannelInboundHandlerAdapter {
        private boolean warned;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
            if (!warned) {
                warned = true;
                log.warn("audit repository sent application data on an RFC 5425 connection; discarding it");
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.warn("audit repository connection failed: {}", describe(cause));
            ctx.close();
        }
    }
}
