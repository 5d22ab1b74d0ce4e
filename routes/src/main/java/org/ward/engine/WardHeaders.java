package org.ward.engine;

/** Camel exchange headers Ward sets on inbound messages. */
public final class WardHeaders {

    /** The {@link org.ward.tls.PeerIdentity} of the node that sent the message. */
    public static final String PEER_IDENTITY = "WardPeerIdentity";

    private WardHeaders() {
    }
}
