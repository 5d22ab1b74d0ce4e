package org.ward.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /api/status} for analysts and administrators: per listener the messages received,
 * accepted and refused since start; per destination the queue (pending, delivered, dead-lettered);
 * the journal's size. Counts only, never message content.
 */
final class StatusEndpoint implements HttpHandler {

    static final String PATH = "/api/status";
    private static final JsonFactory JSON = new JsonFactory();

    private final Supplier<ApiStatus> status;

    StatusEndpoint(Supplier<ApiStatus> status) {
        this.status = status;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(PATH)) {
                Responses.problem(exchange, 404, "no such resource");
                return;
            }
            ApiStatus now = status.get();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            try (JsonGenerator out = JSON.createGenerator(body)) {
                out.writeStartObject();
                out.writeNumberField("journalMessages", now.journalMessages());
                out.writeObjectFieldStart("listeners");
                for (Map.Entry<String, long[]> listener : now.listeners().entrySet()) {
                    out.writeObjectFieldStart(listener.getKey());
                    out.writeNumberField("received", listener.getValue()[0]);
                    out.writeNumberField("accepted", listener.getValue()[1]);
                    out.writeNumberField("refused", listener.getValue()[2]);
                    out.writeEndObject();
                }
                out.writeEndObject();
                out.writeObjectFieldStart("destinations");
                for (Map.Entry<String, Map<String, Long>> destination : now.destinations().entrySet()) {
                    out.writeObjectFieldStart(destination.getKey());
                    for (String state : new String[] {"PENDING", "DELIVERED", "DEAD_LETTER"}) {
                        out.writeNumberField(state.toLowerCase(java.util.Locale.ROOT),
                                destination.getValue().getOrDefault(state, 0L));
                    }
                    out.writeEndObject();
                }
                out.writeEndObject();
                out.writeEndObject();
            }
            Responses.send(exchange, 200, "application/json; charset=utf-8", body.toByteArray());
        }
    }
}
