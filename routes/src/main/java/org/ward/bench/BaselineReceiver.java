package org.ward.bench;

import java.nio.charset.StandardCharsets;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.ward.engine.PerChannelHandler;
import org.ward.mllp.MllpFrameDecoder;
import org.ward.mllp.MllpFrameEncoder;

/**
 * The bare reference receiver {@code ward bench --baseline} measures beside Ward: camel-netty with the
 * same MLLP codec, but no TLS, no parsing, no validation, no policy, no journal and no audit; it
 * answers every frame AA at once. What Ward achieves is reported as a fraction of what this does on
 * the same machine minutes apart.
 */
public final class BaselineReceiver implements AutoCloseable {

    private final DefaultCamelContext camel;
    private final int port;

    private BaselineReceiver(DefaultCamelContext camel, int port) {
        this.camel = camel;
        this.port = port;
    }

    /** Listens on 127.0.0.1 on a free port. */
    public static BaselineReceiver start() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.getCamelContextExtension().setName("ward-bench-baseline");
        camel.getRegistry().bind("mllpEncoder", new MllpFrameEncoder());
        camel.getRegistry().bind("mllpDecoder", new PerChannelHandler(() -> new MllpFrameDecoder(1 << 20)));
        int bound = port;
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("netty:tcp://127.0.0.1:" + bound + "?sync=true&textline=false&reuseAddress=true"
                        + "&encoders=#mllpEncoder&decoders=#mllpDecoder")
                        .routeId("baseline")
                        .process(exchange -> exchange.getMessage().setBody(
                                ack(exchange.getIn().getBody(byte[].class))));
            }
        });
        camel.start();
        return new BaselineReceiver(camel, port);
    }

    public int port() {
        return port;
    }

    /** A minimal AA echoing MSH-10, built by string work alone. */
    static byte[] ack(byte[] message) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        int end = text.indexOf('\r');
        String[] msh = (end < 0 ? text : text.substring(0, end)).split("\\|", -1);
        String controlId = msh.length > 9 ? msh[9] : "";
        return ("MSH|^~\\&|BASELINE||||||ACK|" + controlId + "|P|2.6\rMSA|AA|" + controlId + "\r")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        camel.stop();
    }
}
