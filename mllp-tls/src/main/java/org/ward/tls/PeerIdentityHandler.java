package org.ward.tls;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.AttributeKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After the TLS handshake, turns the verified client certificate into a {@link PeerIdentity}
 * stored on the channel ({@link #PEER_IDENTITY}); a failed handshake is logged with the remote
 * address, the presented certificate (if any) and the reason, reported to the listener's
 * {@link NodeAuthenticationListener}, and the connection closed. Authenticated connections are
 * registered with {@link LiveConnections} for revocation re-checks. Must sit after the
 * {@link SslHandler}; one instance per channel.
 */
public final class PeerIdentityHandler extends ChannelInboundHandlerAdapter {

    public static final AttributeKey<PeerIdentity> PEER_IDENTITY = AttributeKey.valueOf("ward.peerIdentity");

    private static final Logger LOG = LoggerFactory.getLogger(PeerIdentityHandler.class);

    private final LiveConnections connections;

    /** @param connections where authenticated connections are registered for re-checking */
    public PeerIdentityHandler(LiveConnections connections) {
        this.connections = connections;
    }

    /** The identity of the peer on this channel, or null before a successful handshake. */
    public static PeerIdentity peerOf(io.netty.channel.Channel channel) {
        return channel.attr(PEER_IDENTITY).get();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent done) {
            if (done.isSuccess()) {
                identify(ctx);
            } else {
                refuse(ctx, done.cause());
            }
        }
        super.userEventTriggered(ctx, evt);
    }

    private void refuse(ChannelHandlerContext ctx, Throwable cause) {
        String reason = wardMessage(cause).orElseGet(() -> rootMessage(cause));
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        Optional<X509Certificate> presented = ssl == null ? Optional.empty()
                : connections.verifier().presentedBy(ssl.engine());
        LOG.warn("TLS handshake from {} failed{}: {}", ctx.channel().remoteAddress(),
                presented.map(c -> " (" + PeerIdentity.of(c).subject() + ", serial "
                        + PeerIdentity.of(c).serialHex() + ")").orElse(""), reason);
        connections.listener().refused(ctx.channel().remoteAddress(), presented, reason, false);
        ctx.close();
    }

    private void identify(ChannelHandlerContext ctx) {
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        try {
            Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
            PeerIdentity peer = PeerIdentity.of((X509Certificate) chain[0]);
            ctx.channel().attr(PEER_IDENTITY).set(peer);
            connections.add(ctx.channel(), Arrays.stream(chain).map(X509Certificate.class::cast)
                    .toArray(X509Certificate[]::new));
            LOG.info("TLS session from {}: {} (serial {}, {})", ctx.channel().remoteAddress(), peer.subject(),
                    peer.serialHex(), ssl.engine().getSession().getProtocol());
        } catch (SSLPeerUnverifiedException e) {
            // needClientAuth makes this unreachable; if it ever happens, refuse rather than run anonymous.
            LOG.warn("TLS session from {} has no verified client certificate; closing", ctx.channel().remoteAddress());
            ctx.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause.getCause() instanceof javax.net.ssl.SSLException) {
            // Already reported by the handshake event (or a broken TLS record): close without a stack trace.
            LOG.debug("TLS error from {}: {}", ctx.channel().remoteAddress(), rootMessage(cause));
            ctx.close();
            return;
        }
        ctx.fireExceptionCaught(cause);
    }

    /**
     * The reason Ward's own verifier gave (a {@link java.security.cert.CertificateException} it
     * threw names the rule and the serial), rather than the JDK's root cause beneath it.
     */
    private static Optional<String> wardMessage(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof ClientCertificateRefused refused) {
                return Optional.of(refused.getMessage());
            }
        }
        return Optional.empty();
    }

    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
