package org.ward.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ward.audit.AuditContext;
import org.ward.audit.AuditSink;
import org.ward.audit.codes.EventOutcome;
import org.ward.audit.event.PatientRecordReadBuilder;
import org.ward.audit.model.NetworkAccessPoint;
import org.ward.kerberos.http.WardPrincipal;
import org.ward.policy.AccessPolicy;
import org.ward.policy.Operation;
import org.ward.policy.PolicyChange;
import org.ward.policy.PolicyResult;
import org.ward.store.JournalEntry;
import org.ward.store.MessageJournal;
import org.ward.store.StoredMessage;

/**
 * {@code GET /api/messages/ID}: one stored message as the person may read it. The policy's
 * {@code read} rules for the person's users.yaml roles decide, down to the field: what they may
 * not see is redacted or dropped exactly as for a destination, and a message type they may not
 * read at all is 403. Every read, and every refusal, is recorded as 110110 Patient Record (R)
 * with the person, the patients, MSH-10 and what was withheld (targets, never values).
 */
final class MessageEndpoint implements HttpHandler {

    static final String PATH = "/api/messages";
    private static final Pattern READ = Pattern.compile("^" + PATH + "/(\\d{1,18})$");
    private static final JsonFactory JSON = new JsonFactory();

    private final MessageJournal journal;
    private final Supplier<AccessPolicy> policy;
    private final AuditSink audit;
    private final AuditContext context;
    private final Clock clock;

    MessageEndpoint(MessageJournal journal, Supplier<AccessPolicy> policy, AuditSink audit, AuditContext context,
                    Clock clock) {
        this.journal = journal;
        this.policy = policy;
        this.audit = audit;
        this.context = context;
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                Responses.problem(exchange, 405, "only GET is supported here");
                return;
            }
            Matcher read = READ.matcher(exchange.getRequestURI().getPath());
            if (!read.matches()) {
                Responses.problem(exchange, 404, "no such resource; use " + PATH + "/ID");
                return;
            }
            Optional<StoredMessage> found = journal.find(Long.parseLong(read.group(1)));
            if (found.isEmpty()) {
                Responses.problem(exchange, 404, "no message " + read.group(1) + " in the journal");
                return;
            }
            WardPrincipal person = (WardPrincipal) exchange.getPrincipal();
            Set<String> roles = person.account().roles();
            StoredMessage message = found.get();
            PolicyResult view = policy.get().apply(roles, Operation.READ, message.text());
            record(exchange, person, message.entry(), view);
            if (!view.permitted()) {
                Responses.problem(exchange, 403, "your roles may not read " + message.entry().messageType()
                        + " messages");
                return;
            }
            Responses.send(exchange, 200, "application/json; charset=utf-8", json(message.entry(), view));
        }
    }

    private void record(HttpExchange exchange, WardPrincipal person, JournalEntry entry, PolicyResult view) {
        PatientRecordReadBuilder record = PatientRecordReadBuilder.of(context, clock)
                .reader(person.account().principal(),
                        NetworkAccessPoint.ipAddress(exchange.getRemoteAddress().getAddress()))
                .messageControlId(entry.controlId())
                .policyChanges(view.changes().stream().map(PolicyChange::toString).toList());
        entry.patientIds().forEach(record::patient);
        if (!view.permitted()) {
            record.outcome(EventOutcome.MINOR_FAILURE, "refused by the read policy");
        }
        audit.emit(record.build());
    }

    private static byte[] json(JournalEntry entry, PolicyResult view) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (JsonGenerator out = JSON.createGenerator(body)) {
            out.writeStartObject();
            out.writeNumberField("id", entry.id());
            out.writeStringField("receivedAt", entry.receivedAt().toString());
            out.writeStringField("listener", entry.listener());
            out.writeStringField("messageType", entry.messageType());
            out.writeStringField("controlId", entry.controlId());
            out.writeStringField("transaction", entry.transaction());
            out.writeStringField("status", entry.status().name());
            out.writeArrayFieldStart("withheld");
            for (PolicyChange change : view.changes()) {
                out.writeString(change.toString());
            }
            out.writeEndArray();
            // HL7 v2 separates segments with CR; a JSON reader shows them as lines.
            out.writeStringField("message", view.text().replace("\r", "\n"));
            out.writeEndObject();
        }
        return body.toByteArray();
    }

}
