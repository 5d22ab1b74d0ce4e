package org.ward.policy;

import java.util.Locale;
import org.ward.tls.PeerIdentity;

/**
 * What kind of node a certificate was issued to, read from the certificate itself the way Ward's
 * PKI issues them: a device names its EUI-64 (RFC 9039 {@code urn:dev:mac:}); a gateway may both
 * dial and accept (clientAuth and serverAuth); a client only dials.
 */
public enum NodeProfile {
    DEVICE, GATEWAY, CLIENT, SERVER;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static NodeProfile parse(String text) {
        for (NodeProfile profile : values()) {
            if (profile.label().equals(text)) {
                return profile;
            }
        }
        throw new IllegalArgumentException("unknown certificate profile '" + text
                + "'; expected device, gateway, client or server");
    }

    static NodeProfile of(PeerIdentity peer) {
        boolean client = peer.extendedKeyUsage().contains(PeerIdentity.CLIENT_AUTH);
        boolean server = peer.extendedKeyUsage().contains(PeerIdentity.SERVER_AUTH);
        if (peer.deviceEui64().isPresent() && !server) {
            return DEVICE;
        }
        if (client && server) {
            return GATEWAY;
        }
        return server ? SERVER : CLIENT;
    }
}
