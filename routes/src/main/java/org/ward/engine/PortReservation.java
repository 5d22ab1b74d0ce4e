package org.ward.engine;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Resolves port 0 ("any free port", used by tests) to a concrete port before the listener binds:
 * camel-netty does not report the port it bound. The port is free when probed; another process
 * could take it in between, in which case start-up fails loudly with a bind error.
 */
final class PortReservation {

    private PortReservation() {
    }

    static int resolve(String bind, int configured) throws IOException {
        if (configured != 0) {
            return configured;
        }
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(bind))) {
            return probe.getLocalPort();
        }
    }
}
