package org.ward.tls;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authenticated connections of one listener, with the certificate chain each presented, so
 * that a certificate revoked (or expired) after its handshake does not keep its connection:
 * {@link #recheck} runs every {@code revocation-recheck} and closes those that no longer
 * authenticate. Closed channels leave the group by themselves. Thread-safe.
 */
public final class LiveConnections {

    static final AttributeKey<X509Certificate[]> PEER_CHAIN = AttributeKey.valueOf("ward.peerChain");

    private static final Logger LOG = LoggerFactory.getLogger(LiveConnections.class);

    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final ClientCertificateVerifier verifier;
    private final NodeAuthenticationListener listener;

    public LiveConnections(ClientCertificateVerifier verifier, NodeAuthenticationListener listener) {
        this.verifier = verifier;
        this.listener = listener;
    }

    public ClientCertificateVerifier verifier() {
        return verifier;
    }

    NodeAuthenticationListener listener() {
        return listener;
    }

    void add(Channel channel, X509Certificate[] chain) {
        channel.attr(PEER_CHAIN).set(chain.clone());
        channels.add(channel);
    }

    public int size() {
        return channels.size();
    }

    /** Re-verifies every open connection now; closes and reports each that fails. Returns how many closed. */
    public int recheck() {
        int closed = 0;
        for (Channel channel : channels) {
            X509Certificate[] chain = channel.attr(PEER_CHAIN).get();
            try {
                verifier.verify(chain);
            } catch (CertificateException e) {
                // Leaves the group now, not when the close completes: a re-check running before then
                // (the periodic one and the CRL watch often coincide) must not report it again.
                if (!channels.remove(channel)) {
                    continue;
                }
                LOG.warn("Closing authenticated connection from {}: {}", channel.remoteAddress(), e.getMessage());
                listener.refused(channel.remoteAddress(), Optional.of(chain[0]), e.getMessage(), true);
                channel.close();
                closed++;
            }
        }
        return closed;
    }
}
