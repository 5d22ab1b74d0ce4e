package org.ward.delivery;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * One downstream receiver, validated once when built.
 *
 * @param name                 the destination's name in ward.yaml; keys its delivery queue
 * @param host                 host name or address; the server certificate must name it (RFC 6125)
 * @param port                 TCP port
 * @param keyStore             Ward's client key and chain, PKCS#12
 * @param keyStorePasswordFile the file holding {@code keyStore}'s password
 * @param trustAnchors         PEM CA certificates the receiver's certificate must chain to
 * @param ackTimeout           the longest wait for the acknowledgement of one send; it also bounds
 *                             the TCP connect and the TLS handshake
 * @param ackKind              which acknowledgement counts as delivered
 * @param backoff              waits between sends of the same message
 * @param maxFrameBytes        the largest acknowledgement accepted; a longer reply breaks the connection
 * @param batchSize            messages read from the queue at once and deliveries recorded together
 *                             (1 to {@value DeliveryLoop#MAX_BATCH_SIZE}); never more than one message
 *                             on the wire at a time
 */
public record DestinationConfig(String name, String host, int port, Path keyStore, Path keyStorePasswordFile,
                                Path trustAnchors, Duration ackTimeout, AckKind ackKind, Backoff backoff,
                                int maxFrameBytes, int batchSize) {

    /** With the {@linkplain DeliveryLoop#DEFAULT_BATCH_SIZE default batch size}. */
    public DestinationConfig(String name, String host, int port, Path keyStore, Path keyStorePasswordFile,
                             Path trustAnchors, Duration ackTimeout, AckKind ackKind, Backoff backoff,
                             int maxFrameBytes) {
        this(name, host, port, keyStore, keyStorePasswordFile, trustAnchors, ackTimeout, ackKind, backoff,
                maxFrameBytes, DeliveryLoop.DEFAULT_BATCH_SIZE);
    }

    public DestinationConfig {
        requireText(name, "name");
        requireText(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("destination " + name + ": port " + port + " is not in 1..65535");
        }
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(keyStorePasswordFile, "keyStorePasswordFile");
        Objects.requireNonNull(trustAnchors, "trustAnchors");
        Objects.requireNonNull(ackTimeout, "ackTimeout");
        if (ackTimeout.isNegative() || ackTimeout.isZero() || ackTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("destination " + name + ": ack-timeout " + ackTimeout
                    + " must be positive and below 24 days");
        }
        Objects.requireNonNull(ackKind, "ackKind");
        Objects.requireNonNull(backoff, "backoff");
        if (maxFrameBytes < 64) {
            throw new IllegalArgumentException("destination " + name + ": max-frame-bytes " + maxFrameBytes
                    + " cannot hold an acknowledgement");
        }
        if (batchSize < 1 || batchSize > DeliveryLoop.MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("destination " + name + ": batch-size " + batchSize + " is not in 1.."
                    + DeliveryLoop.MAX_BATCH_SIZE);
        }
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("destination " + what + " must not be blank");
        }
    }

    @Override
    public String toString() {
        return "destination " + name + " (" + host + ":" + port + ", " + ackKind + " ack within " + ackTimeout + ")";
    }
}
