package org.ward.audit.repository;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ward.audit.fhir.AuditEventSearch;
import org.ward.audit.syslog.AuditTlsPolicy;

/**
 * Ward's audit repository, the facade the engine wires into {@code ward run} and the CLI:
 * an RFC 5425 receiver (mutual TLS 1.3/1.2, BCP 195 suites; octet counting or RFC 6587 LF framing,
 * detected per connection) feeding a hash-chained store with signed checkpoints.
 *
 * <pre>{@code
 * AuditRepositoryConfig config = AuditRepositoryConfig.of("0.0.0.0", credentials, AuditStoreConfig.h2(dataDir));
 * try (AuditRepository repository = AuditRepository.start(config)) {
 *     log.info("audit repository on {}", repository.address());
 *     ... repository.stats() ...
 * }                                           // drains, signs a final checkpoint, closes the database
 *
 * VerifyResult result = AuditRepository.verify(AuditStoreConfig.h2(dataDir), (done, total) -> bar(done, total));
 * System.out.println(result.describe());
 * System.exit(result.exitCode());             // ward audit verify: 0 intact, 1 tampered
 * }</pre>
 *
 * <p>Every received frame is stored, flagged when it is not a valid DICOM audit message; records
 * are committed in batches by one writer and counted in {@link #stats()}. There is no
 * application-level acknowledgement in RFC 5425: records read but not yet committed when the
 * process dies are lost (see docs/AUDIT-REPOSITORY.md).
 */
public final class AuditRepository implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuditRepository.class);
    /** How long {@link #close()} waits for senders' connections to end before closing them. */
    private static final java.time.Duration PEER_CLOSE_GRACE = java.time.Duration.ofSeconds(2);

    private final RepositoryStats stats;
    private final AuditStore store;
    private final ExecutorService analysis;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ChannelGroup channels = new DefaultChannelGroup("ward-audit-repository",
            GlobalEventExecutor.INSTANCE);
    private final Channel server;
    private boolean closed;

    private AuditRepository(AuditRepositoryConfig config, Clock clock) throws InterruptedException {
        SslContext ssl = sslContext(config.tls());
        this.stats = new RepositoryStats();
        this.store = AuditStore.open(config.store(), stats, clock);
        this.analysis = Executors.newFixedThreadPool(config.analysisThreads(),
                new DefaultThreadFactory("ward-audit-analysis", true));
        this.boss = new NioEventLoopGroup(1, new DefaultThreadFactory("ward-audit-accept", true));
        this.workers = new NioEventLoopGroup(Math.min(2, Runtime.getRuntime().availableProcessors()),
                new DefaultThreadFactory("ward-audit-receive", true));
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        channels.add(ch);
                        SslHandler tls = ssl.newHandler(ch.alloc());
                        tls.setHandshakeTimeoutMillis(config.handshakeTimeout().toMillis());
                        ch.pipeline().addLast("tls", tls);
                        ch.pipeline().addLast("framing", new SyslogFrameDecoder(config.maxFrameBytes(), stats));
                        ch.pipeline().addLast("records", new RecordHandler(store, analysis, stats, clock));
                    }
                });
        try {
            this.server = bootstrap.bind(config.bindAddress(), config.port()).sync().channel();
        } catch (RuntimeException | InterruptedException e) {
            shutdownNetwork();
            store.close();
            analysis.shutdown();
            throw e;
        }
        LOG.info("audit repository listening on {} (RFC 5425, mutual TLS), store {}", server.localAddress(),
                config.store().kind());
    }

    /**
     * Opens (or creates) the store and starts listening.
     *
     * @throws IllegalArgumentException if the TLS credentials are unusable
     * @throws IllegalStateException if the store cannot be opened
     * @throws InterruptedException if interrupted while binding
     */
    public static AuditRepository start(AuditRepositoryConfig config) throws InterruptedException {
        return start(config, Clock.systemUTC());
    }

    public static AuditRepository start(AuditRepositoryConfig config, Clock clock) throws InterruptedException {
        return new AuditRepository(Objects.requireNonNull(config, "config"), Objects.requireNonNull(clock, "clock"));
    }

    /** Walks and checks the whole chain of a store (running or not); see {@link ChainVerifier}. */
    public static VerifyResult verify(AuditStoreConfig store, VerifyProgress progress) {
        return new ChainVerifier(store).verify(progress);
    }

    /**
     * Searches a store that no running repository holds open (H2 admits one process), or any
     * PostgreSQL store: what {@code ward audit query} does.
     *
     * @throws SQLException when the store cannot be read; an H2 store in use says so in its message
     */
    public static SearchPage search(AuditStoreConfig store, AuditEventSearch search) throws SQLException {
        return AuditStore.search(AuditConnections.forReading(store), search);
    }

    /** Where it listens (the actual port when configured with 0). */
    public InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    public RepositoryStats stats() {
        return stats;
    }

    public AuditStore store() {
        return store;
    }

    /**
     * Stops accepting, closes the connections, stores every frame already read, signs a final
     * checkpoint and closes the database.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        shutdownNetwork();
        store.close(); // joins the analysis futures, so the pool stops after it
        analysis.shutdown();
        LOG.info("audit repository stopped: {}", stats);
    }

    private void shutdownNetwork() {
        if (server != null) {
            server.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        // A sender that has just stopped (Ward's own, at shutdown) may have records in flight: let
        // connections its peers are closing end by themselves, so those records are read, not cut off.
        long deadline = System.nanoTime() + PEER_CLOSE_GRACE.toNanos();
        while (!channels.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /**
     * The JDK's own TLS context, wrapped for Netty. Not {@code SslContextBuilder.forServer}: Netty's
     * server context class, as it initialises, parses a built-in PEM key through Bouncy Castle to probe
     * a feature this receiver does not use, which took about half a second of Ward's start (issue 10).
     */
    private static SslContext sslContext(RepositoryTlsCredentials credentials) {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            char[] password = credentials.password();
            kmf.init(credentials.keyStore(), password);
            Arrays.fill(password, '\0');
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            int n = 0;
            for (X509Certificate anchor : credentials.trustAnchors()) {
                anchors.setCertificateEntry("anchor-" + n++, anchor);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(anchors);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return new JdkSslContext(context, false, AuditTlsPolicy.CIPHER_SUITES, SupportedCipherSuiteFilter.INSTANCE,
                    ApplicationProtocolConfig.DISABLED,
                    ClientAuth.REQUIRE, // RFC 5425 §5.2 / ITI-19: both ends authenticated
                    AuditTlsPolicy.PROTOCOLS.toArray(new String[0]), false);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot build the audit repository TLS context: " + e.getMessage(), e);
        }
    }
}
