package org.ward.config;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.ward.profile.PcdTransaction;

/**
 * One MLLP-over-TLS listener.
 *
 * @param name operator-chosen identifier, used in logs, audit records and routes
 * @param bind local address to listen on
 * @param port TCP port; 0 asks the operating system for a free one (tests)
 * @param maxFrameBytes largest MLLP frame accepted before the connection is closed
 * @param idleTimeout a connection with no traffic for this long is closed
 * @param defaultCharset charset of messages whose MSH-18 is empty
 * @param logPhi whether message content may appear in logs; off by default because it is PHI
 * @param tls TLS settings; a listener without TLS does not exist in Ward
 * @param accept the IHE PCD transactions this listener takes; any other message is refused
 * @param bindDeviceIdentity whether every EUI-64 a message claims (MSH-3, OBX-18) must be vouched
 *                           for by the sender's certificate
 * @param gatewayDevices gateway certificate subject DN → the device EUI-64s it may speak for
 */
public record ListenerConfig(
        String name,
        String bind,
        int port,
        int maxFrameBytes,
        Duration idleTimeout,
        Charset defaultCharset,
        boolean logPhi,
        TlsConfig tls,
        Set<PcdTransaction> accept,
        boolean bindDeviceIdentity,
        Map<String, Set<String>> gatewayDevices) {

    /** Every PCD transaction: the default when a listener does not say. */
    public static final Set<PcdTransaction> ALL_TRANSACTIONS = Set.copyOf(EnumSet.allOf(PcdTransaction.class));

    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int MIN_PORT = 0;
    public static final int MAX_PORT = 65535;
    public static final int DEFAULT_MAX_FRAME_BYTES = 1024 * 1024;
    /** Upper bound on max-frame-bytes: 64 MiB is far above any HL7 v2 message and still bounds memory. */
    public static final int MAX_FRAME_BYTES_LIMIT = 64 * 1024 * 1024;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);
    public static final Duration MAX_IDLE_TIMEOUT = Duration.ofHours(24);
    public static final Charset DEFAULT_CHARSET = StandardCharsets.UTF_8;

    private static final Set<String> WILDCARD_BINDS = Set.of("0.0.0.0", "::", "[::]", "::0");

    /** A listener that accepts every PCD transaction and does not bind device identities. */
    public ListenerConfig(String name, String bind, int port, int maxFrameBytes, Duration idleTimeout,
                          Charset defaultCharset, boolean logPhi, TlsConfig tls) {
        this(name, bind, port, maxFrameBytes, idleTimeout, defaultCharset, logPhi, tls, ALL_TRANSACTIONS, false, Map.of());
    }

    public ListenerConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(defaultCharset, "defaultCharset");
        Objects.requireNonNull(tls, "tls");
        accept = Set.copyOf(accept);
        Map<String, Set<String>> gateways = new java.util.LinkedHashMap<>();
        gatewayDevices.forEach((dn, devices) -> gateways.put(dn, Set.copyOf(devices)));
        gatewayDevices = java.util.Collections.unmodifiableMap(gateways);
        if (accept.isEmpty()) {
            throw new IllegalArgumentException("listener '" + name + "' accepts no transaction");
        }
        if (!isValidName(name)) {
            throw new IllegalArgumentException("invalid listener name '" + name + "'");
        }
        if (bind.isBlank()) {
            throw new IllegalArgumentException("bind address is blank");
        }
        if (!isValidPort(port)) {
            throw new IllegalArgumentException(port + " is not a port number (0-65535)");
        }
        if (maxFrameBytes < 1 || maxFrameBytes > MAX_FRAME_BYTES_LIMIT) {
            throw new IllegalArgumentException("maxFrameBytes " + maxFrameBytes + " outside 1.." + MAX_FRAME_BYTES_LIMIT);
        }
        if (!isValidIdleTimeout(idleTimeout)) {
            throw new IllegalArgumentException("idleTimeout " + idleTimeout + " outside (0, 24h]");
        }
    }

    public static boolean isValidName(String name) {
        return NAME.matcher(name).matches();
    }

    public static boolean isValidPort(long port) {
        return port >= MIN_PORT && port <= MAX_PORT;
    }

    public static boolean isValidIdleTimeout(Duration timeout) {
        return !timeout.isNegative() && !timeout.isZero() && timeout.compareTo(MAX_IDLE_TIMEOUT) <= 0;
    }

    /**
     * Whether both listeners would try to bind the same socket. Port 0 never clashes (each gets its
     * own ephemeral port); a wildcard address clashes with every address on the same port.
     */
    public boolean clashesWith(ListenerConfig other) {
        return socketsClash(bind, port, other.bind, other.port);
    }

    static boolean socketsClash(String bindA, int portA, String bindB, int portB) {
        if (portA == 0 || portA != portB) {
            return false;
        }
        return bindA.equals(bindB) || WILDCARD_BINDS.contains(bindA) || WILDCARD_BINDS.contains(bindB);
    }
}
