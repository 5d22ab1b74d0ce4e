package org.ward.engine;

import java.util.Objects;

/** Where one listener accepts connections, with the port actually bound (never 0). */
public record ListeningAddress(String listener, String protocol, String host, int port) {

    public ListeningAddress {
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("not a bound port: " + port);
        }
    }

    /** {@code host:port}, with IPv6 literals in brackets, as {@code ward send --to} takes it. */
    public String hostAndPort() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
