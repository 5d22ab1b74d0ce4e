package org.ward.engine;

/** Camel exchange headers Ward sets on inbound messages. */
public final class WardHeaders {

    /** The {@link org.ward.tls.PeerIdentity} of the node that sent the message. */
    public static final String PEER_IDENTITY = "WardPeerIdentity";

    /** The device EUI-64 from the sender's certificate, when it is a device certificate. */
    public static final String DEVICE_EUI64 = "WardDeviceEui64";

    /** The {@link org.ward.hl7.Hl7Problem} of a refused device identity claim (for the Security Alert). */
    public static final String IDENTITY_MISMATCH = "WardIdentityMismatch";

    private WardHeaders() {
    }
}
