package org.ward.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** How the API's endpoints answer: a body with its type, never cached; errors as a small JSON problem. */
final class Responses {

    private static final JsonFactory JSON = new JsonFactory();

    private Responses() {
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    /** {@code {"status": 404, "detail": "…"}} (RFC 9457 fields). */
    static void problem(HttpExchange exchange, int status, String detail) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (JsonGenerator out = JSON.createGenerator(body)) {
            out.writeStartObject();
            out.writeNumberField("status", status);
            out.writeStringField("detail", detail);
            out.writeEndObject();
        }
        send(exchange, status, "application/problem+json", body.toByteArray());
    }
}
