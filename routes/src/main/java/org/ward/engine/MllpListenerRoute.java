package org.ward.engine;

import org.apache.camel.builder.RouteBuilder;
import org.ward.config.ListenerConfig;

/**
 * One MLLP-over-mutual-TLS listener as a Camel route on camel-netty. The pipeline is
 * SslHandler (camel-netty, from {@code #tls-NAME}) → MLLP encoder → idle timeout → peer identity
 * → MLLP frame decoder → the route; handler factories give each connection its own stateful
 * handlers. {@code disconnectOnNoReply=false}: a sender that asked for no acknowledgment (MSH-15
 * and MSH-16 = NE) gets none, and keeps its connection.
 */
final class MllpListenerRoute extends RouteBuilder {

    private final ListenerConfig listener;
    private final int port;
    private final MllpInboundProcessor inbound;

    MllpListenerRoute(ListenerConfig listener, int port, MllpInboundProcessor inbound) {
        this.listener = listener;
        this.port = port;
        this.inbound = inbound;
    }

    static String beanName(String purpose, ListenerConfig listener) {
        return purpose + "-" + listener.name();
    }

    @Override
    public void configure() {
        String name = listener.name();
        String uri = "netty:tcp://" + hostForUri(listener.bind()) + ":" + port
                + "?sync=true&disconnectOnNoReply=false&textline=false&reuseAddress=true"
                + "&ssl=true&needClientAuth=true&sslContextParameters=#" + beanName("tls", listener)
                + "&encoders=#mllpEncoder"
                + "&decoders=#" + beanName("idle", listener) + ",#" + beanName("peerIdentity", listener) + ",#" + beanName("mllpDecoder", listener);
        from(uri).routeId("listener-" + name).process(inbound);
    }

    private static String hostForUri(String bind) {
        return bind.contains(":") && !bind.startsWith("[") ? "[" + bind + "]" : bind;
    }
}
