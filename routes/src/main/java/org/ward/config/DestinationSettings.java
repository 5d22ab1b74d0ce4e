package org.ward.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/** A place messages are delivered to, as declared under {@code destinations:} in ward.yaml. */
public sealed interface DestinationSettings {

    /** The destination's name, used by routes and in logs and audit records. */
    String name();

    /** Whether a downstream MLLP receiver answers with accept (commit) or application acknowledgments. */
    enum AckKind { COMMIT, APPLICATION }

    /**
     * An MLLP/TLS receiver (an EHR, a gateway).
     *
     * @param ackTimeout how long to wait for each ACK before reconnecting and resending
     * @param batchSize  messages read from the queue at once and deliveries recorded together
     *                   ({@code batch-size}, default {@value #DEFAULT_BATCH_SIZE})
     */
    record Mllp(String name, String host, int port, Path keyStore, Path keyStorePasswordFile, Path trustAnchors,
                Duration ackTimeout, AckKind ackKind, int batchSize) implements DestinationSettings {

        /** The {@code batch-size} when none is given. */
        public static final int DEFAULT_BATCH_SIZE = 100;
        /** The largest {@code batch-size}. */
        public static final int MAX_BATCH_SIZE = 1000;

        /** With the default batch size. */
        public Mllp(String name, String host, int port, Path keyStore, Path keyStorePasswordFile, Path trustAnchors,
                    Duration ackTimeout, AckKind ackKind) {
            this(name, host, port, keyStore, keyStorePasswordFile, trustAnchors, ackTimeout, ackKind,
                    DEFAULT_BATCH_SIZE);
        }

        public Mllp {
            if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
                throw new IllegalArgumentException("batch-size " + batchSize + " is not in 1.." + MAX_BATCH_SIZE);
            }
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(keyStore, "keyStore");
            Objects.requireNonNull(keyStorePasswordFile, "keyStorePasswordFile");
            Objects.requireNonNull(trustAnchors, "trustAnchors");
            Objects.requireNonNull(ackTimeout, "ackTimeout");
            Objects.requireNonNull(ackKind, "ackKind");
        }
    }

    /** A directory that receives one file per message, written atomically. */
    record Directory(String name, Path path) implements DestinationSettings {
        public Directory {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(path, "path");
        }
    }

    /** Another route: the message continues through that route's destinations. */
    record Route(String name, String route) implements DestinationSettings {
        public Route {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(route, "route");
        }
    }

    /**
     * A Camel YAML DSL route, in the {@code camel-routes} directory, that starts {@code from: ward:<name>}:
     * each message is handed to it in order and counts as delivered when the route completes.
     */
    record Camel(String name) implements DestinationSettings {
        public Camel {
            Objects.requireNonNull(name, "name");
        }
    }
}
