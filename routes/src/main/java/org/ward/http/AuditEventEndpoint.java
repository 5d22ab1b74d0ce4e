package org.ward.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ward.audit.AuditContext;
import org.ward.audit.AuditSink;
import org.ward.audit.event.AuditLogUsedBuilder;
import org.ward.audit.fhir.AuditEventBundle;
import org.ward.audit.fhir.AuditEventSearch;
import org.ward.audit.model.NetworkAccessPoint;
import org.ward.audit.repository.AuditStore;
import org.ward.audit.repository.SearchPage;
import org.ward.audit.repository.StoredRecord;
import org.ward.audit.event.AuditQueries;

/**
 * {@code GET /fhir/AuditEvent} in the style of IHE ITI-81 (RESTful ATNA): a search answered with a
 * FHIR R4 searchset Bundle, paged with {@code _count} and a {@code next} link; {@code GET
 * /fhir/AuditEvent/ID} reads one record as an AuditEvent and {@code GET /fhir/AuditEvent/ID/dicom}
 * its original DICOM XML. Every search is recorded as 110112 Query (ITI-81) and every read as
 * 110101 Audit Log Used, naming the person and their address.
 */
final class AuditEventEndpoint implements HttpHandler {

    static final String PATH = "/fhir/AuditEvent";
    private static final Logger LOG = LoggerFactory.getLogger(AuditEventEndpoint.class);
    private static final Pattern READ = Pattern.compile("^" + PATH + "/(\\d{1,18})(/dicom)?$");
    private static final String FHIR_JSON = "application/fhir+json; charset=utf-8";
    private static final JsonFactory JSON = new JsonFactory();

    private final AuditStore store;
    private final String base;
    private final AuditSink audit;
    private final AuditContext context;
    private final Clock clock;

    /** @param base the FHIR base URL clients use, e.g. {@code https://ward.example:8443/fhir} */
    AuditEventEndpoint(AuditStore store, String base, AuditSink audit, AuditContext context, Clock clock) {
        this.store = store;
        this.base = base;
        this.audit = audit;
        this.context = context;
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                outcome(exchange, 405, "not-supported", "only GET is supported here");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (path.equals(PATH)) {
                search(exchange);
                return;
            }
            Matcher read = READ.matcher(path);
            if (read.matches()) {
                read(exchange, Long.parseLong(read.group(1)), read.group(2) != null);
                return;
            }
            outcome(exchange, 404, "not-found", "no such resource: " + path);
        } catch (SQLException e) {
            LOG.error("audit repository query failed (SQLState {})", e.getSQLState(), e);
            outcome(exchange, 500, "exception", "the audit repository could not be read");
        }
    }

    private void search(HttpExchange exchange) throws IOException, SQLException {
        String rawQuery = Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
        Map<String, List<String>> parameters;
        AuditEventSearch search;
        try {
            parameters = parameters(rawQuery);
            search = AuditEventSearch.parse(parameters);
        } catch (IllegalArgumentException e) {
            record(exchange, rawQuery, List.of(), false);
            outcome(exchange, 400, "invalid", e.getMessage());
            return;
        }
        SearchPage page = store.search(search);
        record(exchange, rawQuery, search.patients(), true);
        List<AuditEventBundle.Entry> entries = new ArrayList<>();
        for (StoredRecord record : page.records()) {
            entries.add(new AuditEventBundle.Entry(String.valueOf(record.seq()), record.dicomXml().orElse("")));
        }
        String self = base + "/AuditEvent" + (rawQuery.isEmpty() ? "" : "?" + rawQuery);
        Optional<String> next = page.next().map(after -> base + "/AuditEvent?" + withAfter(parameters, after));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        AuditEventBundle.write(base, self, next, Optional.empty(), entries, body);
        Responses.send(exchange, 200, FHIR_JSON, body.toByteArray());
    }

    private void read(HttpExchange exchange, long id, boolean dicom) throws IOException, SQLException {
        Optional<StoredRecord> record = store.find(id);
        audit.emit(AuditLogUsedBuilder.of(context, clock)
                .accessingPerson(exchange.getPrincipal().getUsername(), null, address(exchange))
                .auditLog(base + "/AuditEvent/" + id + (dicom ? "/dicom" : ""))
                .build());
        if (record.isEmpty()) {
            outcome(exchange, 404, "not-found", "no audit record " + id);
            return;
        }
        String xml = record.get().dicomXml().orElse("");
        if (dicom) {
            Responses.send(exchange, 200, "application/xml; charset=utf-8", xml.getBytes(StandardCharsets.UTF_8));
            return;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        AuditEventBundle.writeOne(base, new AuditEventBundle.Entry(String.valueOf(id), xml), body);
        Responses.send(exchange, 200, FHIR_JSON, body.toByteArray());
    }

    private void record(HttpExchange exchange, String query, List<String> patients, boolean succeeded) {
        audit.emit(AuditQueries.record(context, clock, exchange.getPrincipal().getUsername(), address(exchange),
                query, patients, succeeded));
    }

    private static NetworkAccessPoint address(HttpExchange exchange) {
        InetAddress client = exchange.getRemoteAddress().getAddress();
        return NetworkAccessPoint.ipAddress(client);
    }

    /** Query parameters, percent-decoded, in order; a name may repeat. */
    static Map<String, List<String>> parameters(String rawQuery) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the query string is not valid percent-encoding: " + text);
        }
    }

    private static String withAfter(Map<String, List<String>> parameters, long after) {
        List<String> parts = new ArrayList<>();
        parameters.forEach((name, values) -> {
            if (!name.equals("_after")) {
                values.forEach(v -> parts.add(encode(name) + "=" + encode(v)));
            }
        });
        parts.add("_after=" + after);
        return String.join("&", parts);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** A FHIR OperationOutcome with one issue. */
    private static void outcome(HttpExchange exchange, int status, String code, String diagnostics) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (JsonGenerator out = JSON.createGenerator(body)) {
            out.writeStartObject();
            out.writeStringField("resourceType", "OperationOutcome");
            out.writeArrayFieldStart("issue");
            out.writeStartObject();
            out.writeStringField("severity", "error");
            out.writeStringField("code", code);
            out.writeStringField("diagnostics", diagnostics);
            out.writeEndObject();
            out.writeEndArray();
            out.writeEndObject();
        }
        Responses.send(exchange, status, FHIR_JSON, body.toByteArray());
    }
}
