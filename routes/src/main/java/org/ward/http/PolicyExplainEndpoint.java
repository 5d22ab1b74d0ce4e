package org.ward.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.ward.policy.AccessPolicy;
import org.ward.policy.Decision;
import org.ward.policy.Explanation;
import org.ward.policy.Operation;
import org.ward.policy.PolicyResult;

/**
 * {@code POST /api/policy/explain?role=R[&role=R2]&operation=send|receive|read} with an HL7 v2
 * message as the body: what the policy in force does to it, segment by segment and field by field,
 * as {@code ward policy explain} prints it. Decisions and rules only, never the message's values.
 */
final class PolicyExplainEndpoint implements HttpHandler {

    static final String PATH = "/api/policy/explain";
    /** A message is at most this large here (the MLLP listeners allow 1 MiB by default). */
    static final int MAX_BODY = 1024 * 1024;
    private static final JsonFactory JSON = new JsonFactory();

    private final Supplier<AccessPolicy> policy;
    private final Supplier<Set<String>> roles;

    PolicyExplainEndpoint(Supplier<AccessPolicy> policy, Supplier<Set<String>> roles) {
        this.policy = policy;
        this.roles = roles;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.getResponseHeaders().set("Allow", "POST");
                Responses.problem(exchange, 405, "POST the message as the body");
                return;
            }
            Map<String, List<String>> query = AuditEventEndpoint.parameters(
                    exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery());
            Set<String> asRoles = new LinkedHashSet<>(query.getOrDefault("role", List.of()));
            List<String> operations = query.getOrDefault("operation", List.of());
            if (asRoles.isEmpty() || operations.size() != 1) {
                Responses.problem(exchange, 400, "give role=… (one or more) and operation=send|receive|read once");
                return;
            }
            Operation operation;
            try {
                operation = Operation.parse(operations.get(0));
            } catch (IllegalArgumentException e) {
                Responses.problem(exchange, 400, e.getMessage());
                return;
            }
            Set<String> unknown = new LinkedHashSet<>(asRoles);
            unknown.removeAll(roles.get());
            if (!unknown.isEmpty()) {
                Responses.problem(exchange, 400, "the policy declares no role " + String.join(", ", unknown));
                return;
            }
            byte[] body = read(exchange.getRequestBody());
            if (body == null) {
                Responses.problem(exchange, 413, "a message is at most " + MAX_BODY + " bytes here");
                return;
            }
            String text = new String(body, StandardCharsets.UTF_8).replace("\r\n", "\r").replace('\n', '\r').strip();
            if (!text.startsWith("MSH")) {
                Responses.problem(exchange, 400, "the body is not an HL7 v2 message (it must start with MSH)");
                return;
            }
            Explanation explanation = new Explanation();
            PolicyResult result = policy.get().explain(asRoles, operation, text, explanation);
            Responses.send(exchange, 200, "application/json; charset=utf-8", json(text, result, explanation));
        }
    }

    private static byte[] read(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        return body.length > MAX_BODY ? null : body;
    }

    private static byte[] json(String text, PolicyResult result, Explanation explanation) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (JsonGenerator out = JSON.createGenerator(body)) {
            out.writeStartObject();
            out.writeStringField("messageType", AccessPolicy.messageType(text));
            out.writeStringField("result", !result.permitted() ? "refused" : result.changed() ? "changed" : "unchanged");
            if (result.refusal().isPresent()) {
                Decision refusal = result.refusal().get();
                out.writeStringField("refusal", refusal.why());
            }
            out.writeArrayFieldStart("changes");
            for (Object change : result.changes()) {
                out.writeString(change.toString());
            }
            out.writeEndArray();
            out.writeArrayFieldStart("decisions");
            for (Explanation.Entry entry : explanation.entries()) {
                out.writeStartObject();
                out.writeStringField("where", entry.where());
                out.writeStringField("action", entry.decision().action().label());
                out.writeStringField("why", entry.decision().why());
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
        }
        return body.toByteArray();
    }
}
