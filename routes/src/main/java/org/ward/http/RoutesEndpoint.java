package org.ward.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.ward.config.DestinationSettings;
import org.ward.config.ListenerConfig;
import org.ward.config.RouteSettings;
import org.ward.config.WardConfig;
import org.ward.profile.PcdTransaction;

/**
 * {@code GET /api/routes} for analysts and administrators: the listeners (what they accept), the
 * destinations (name and kind; no key stores or passwords) and the routes between them, as the
 * running Ward was configured.
 */
final class RoutesEndpoint implements HttpHandler {

    static final String PATH = "/api/routes";
    private static final JsonFactory JSON = new JsonFactory();

    private final WardConfig config;

    RoutesEndpoint(WardConfig config) {
        this.config = config;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(PATH)) {
                Responses.problem(exchange, 404, "no such resource");
                return;
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            try (JsonGenerator out = JSON.createGenerator(body)) {
                out.writeStartObject();
                out.writeArrayFieldStart("listeners");
                for (ListenerConfig listener : config.listeners()) {
                    out.writeStartObject();
                    out.writeStringField("name", listener.name());
                    out.writeStringField("bind", listener.bind());
                    out.writeNumberField("port", listener.port());
                    strings(out, "accept", listener.accept().stream().map(PcdTransaction::id).sorted().toList());
                    out.writeEndObject();
                }
                out.writeEndArray();
                out.writeArrayFieldStart("destinations");
                for (DestinationSettings destination : config.destinations()) {
                    out.writeStartObject();
                    out.writeStringField("name", destination.name());
                    out.writeStringField("type", destination.getClass().getSimpleName().toLowerCase(Locale.ROOT));
                    out.writeEndObject();
                }
                out.writeEndArray();
                out.writeArrayFieldStart("routes");
                for (RouteSettings route : config.routes()) {
                    out.writeStartObject();
                    out.writeStringField("name", route.name());
                    if (route.from() != null) {
                        out.writeStringField("from", route.from());
                    }
                    strings(out, "transactions", route.transactions().stream().map(PcdTransaction::id).sorted().toList());
                    strings(out, "messageTypes", route.messageTypes());
                    strings(out, "senderRoles", route.senderRoles().stream().sorted().toList());
                    strings(out, "to", route.to());
                    out.writeEndObject();
                }
                out.writeEndArray();
                out.writeEndObject();
            }
            Responses.send(exchange, 200, "application/json; charset=utf-8", body.toByteArray());
        }
    }

    private static void strings(JsonGenerator out, String name, List<String> values) throws IOException {
        out.writeArrayFieldStart(name);
        for (String value : values) {
            out.writeString(value);
        }
        out.writeEndArray();
    }
}
