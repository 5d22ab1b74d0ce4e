package org.ward.audit.repository;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each frame of one connection to the analysis pool and, in arrival order, to the store; the
 * source is the peer's address and its certificate subject. One instance per connection.
 */
final class RecordHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(RecordHandler.class);

    private final AuditStore store;
    private final Executor analysis;
    private final RepositoryStats stats;
    private final Clock clock;
    private String source;

    RecordHandler(AuditStore store, Executor analysis, RepositoryStats stats, Clock clock) {
        this.store = store;
        this.analysis = analysis;
        this.stats = stats;
        this.clock = clock;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        stats.connectionAccepted();
        source = String.valueOf(ctx.channel().remoteAddress());
        super.channelActive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof SslHandshakeCompletionEvent done) {
            if (done.isSuccess()) {
                source = ctx.channel().remoteAddress() + " " + peerSubject(ctx);
                LOG.info("audit sender connected: {}", source);
            } else {
                stats.handshakeFailed();
                LOG.warn("audit sender {} failed the TLS handshake: {}", ctx.channel().remoteAddress(),
                        done.cause().toString());
                ctx.close();
            }
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws InterruptedException {
        byte[] frame = (byte[]) msg;
        var receivedAt = clock.instant();
        String from = source;
        // Blocks this event loop while the writer's queue is full: TCP pushes back on the sender.
        store.submit(CompletableFuture.supplyAsync(() -> RecordAnalyzer.analyze(frame, receivedAt, from), analysis));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("audit sender connection {} failed: {}", source, cause.toString());
        ctx.close();
    }

    private static String peerSubject(ChannelHandlerContext ctx) {
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        try {
            Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x509
                    ? x509.getSubjectX500Principal().getName() : "(no certificate)";
        } catch (SSLPeerUnverifiedException e) {
            return "(unverified)";
        }
    }
}
