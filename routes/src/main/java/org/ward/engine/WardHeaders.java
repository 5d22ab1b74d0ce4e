package org.ward.engine;

/**
 * Camel exchange headers Ward sets: on inbound messages in its listener routes, and on each message
 * it hands to an operator's route from {@code ward:<destination>} (see docs/CONFIGURATION.md).
 * None carries patient data.
 */
public final class WardHeaders {

    /** The {@link org.ward.tls.PeerIdentity} of the node that sent the message. */
    public static final String PEER_IDENTITY = "WardPeerIdentity";

    /** The device EUI-64 from the sender's certificate, when it is a device certificate. */
    public static final String DEVICE_EUI64 = "WardDeviceEui64";

    /** The journal's id of the message (a {@code Long}), unique in this Ward; increases with arrival. */
    public static final String MESSAGE_ID = "WardMessageId";

    /** MSH-9 as received, e.g. {@code ORU^R40^ORU_R40}. */
    public static final String MESSAGE_TYPE = "WardMessageType";

    /** MSH-10, the sender's message control id; a receiver de-duplicates on it. */
    public static final String CONTROL_ID = "WardControlId";

    /** The IHE PCD transaction Ward recognised ({@code PCD-04}); absent when none applies. */
    public static final String TRANSACTION = "WardTransaction";

    /** The name of the listener the message arrived on. */
    public static final String LISTENER = "WardListener";

    /** The subject DN of the sender's TLS client certificate. */
    public static final String SENDER_SUBJECT = "WardSenderSubject";

    /** Which attempt to deliver the message to this destination this is (an {@code Integer}, from 1). */
    public static final String ATTEMPT = "WardAttempt";

    /** The {@link org.ward.hl7.Hl7Problem} of a refused device identity claim (for the Security Alert). */
    public static final String IDENTITY_MISMATCH = "WardIdentityMismatch";

    private WardHeaders() {
    }
}
