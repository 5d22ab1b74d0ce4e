package org.ward.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ward.audit.fhir.AuditEventSearch;
import org.ward.audit.repository.AuditRepository;
import org.ward.audit.repository.AuditStoreConfig;
import org.ward.audit.repository.SearchPage;
import org.ward.audit.repository.StoredRecord;
import org.ward.config.ConfigException;
import org.ward.config.WardConfig;
import org.ward.config.WardConfigLoader;
import org.ward.engine.CommandAudit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Searches Ward's audit repository from the command line, with the same search as
 * {@code GET /fhir/AuditEvent}; the search itself is audited (110112 Query, ITI-81).
 */
@Command(name = "query", mixinStandardHelpOptions = true, versionProvider = WardVersion.class,
        description = {"Search the audit repository by time, patient, user, event and outcome.",
            "Times are FHIR dates: 2026-11-20, 2026-11, or 2026-11-20T08:00:00Z; --to includes the whole day or month it names.",
            "The search is itself recorded in the audit trail (110112 Query, ITI-81).",
            "Exit status: 0 searched (also when nothing matched), 1 the store could not be read, 2 usage or configuration errors."})
final class AuditQueryCommand implements Callable<Integer> {

    enum Format { table, json, csv }

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "ward.yaml (default: config/ward.yaml).")
    private Path config;

    @Option(names = "--from", required = true, paramLabel = "TIME", description = "Earliest event time (inclusive).")
    private String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Latest event time (inclusive; default: now).")
    private String to;

    @Option(names = "--patient", paramLabel = "ID", description = "Patient ID, whole CX, or AUTHORITY|ID (repeatable).")
    private List<String> patients = new ArrayList<>();

    @Option(names = "--user", paramLabel = "U", description = "Participant user ID, e.g. alice@EXAMPLE.ORG or a certificate subject (repeatable).")
    private List<String> users = new ArrayList<>();

    @Option(names = "--event", paramLabel = "CODE", description = "EventID, e.g. 110107 Import, 110112 Query, 110114 User Authentication (repeatable).")
    private List<String> events = new ArrayList<>();

    @Option(names = "--type", paramLabel = "CODE", description = "EventTypeCode, e.g. PCD-01, ITI-81, 110122 (repeatable).")
    private List<String> types = new ArrayList<>();

    @Option(names = "--outcome", paramLabel = "N", description = "Outcome: 0 success, 4 minor, 8 serious, 12 major failure (repeatable).")
    private List<String> outcomes = new ArrayList<>();

    @Option(names = "--message-id", paramLabel = "MSH-10", description = "HL7 message control ID (repeatable).")
    private List<String> messageIds = new ArrayList<>();

    @Option(names = "--address", paramLabel = "ADDR", description = "Participant network address (repeatable).")
    private List<String> addresses = new ArrayList<>();

    @Option(names = "--limit", paramLabel = "N", defaultValue = "1000", description = "At most this many records (default 1000).")
    private int limit;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "table, json or csv (default table).")
    private Format format;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        WardConfig loaded;
        try {
            loaded = WardConfigLoader.load(config != null ? config : WardCli.defaultConfig(), WardCli.home());
        } catch (ConfigException e) {
            ConfigReport.print(e, err);
            return WardCli.EXIT_CONFIG;
        }
        Map<String, List<String>> query = query();
        AuditEventSearch search;
        try {
            search = AuditEventSearch.parse(query);
        } catch (IllegalArgumentException e) {
            err.println("ward audit query: " + e.getMessage().replace("'date'", "--from/--to"));
            return WardCli.EXIT_CONFIG;
        }
        if (limit < 1) {
            err.println("ward audit query: --limit must be at least 1");
            return WardCli.EXIT_CONFIG;
        }
        AuditStoreConfig store = loaded.auditRepository().map(r -> r.storeConfig(loaded.dataDir()))
                .orElseGet(() -> AuditStoreConfig.h2(loaded.dataDir()));
        if (store.kind() == AuditStoreConfig.Kind.H2 && !Files.exists(store.directory())) {
            err.println("ward audit query: no audit repository in " + store.directory());
            return WardCli.EXIT_CONFIG;
        }
        String asText = queryText(query);
        List<StoredRecord> found = new ArrayList<>();
        boolean truncated;
        try {
            truncated = collect(store, search, found);
        } catch (SQLException e) {
            audit(loaded, asText, false);
            err.println("ward audit query: cannot read the audit repository: " + describe(e));
            return 1;
        }
        audit(loaded, asText, true);
        print(found, spec.commandLine().getOut());
        if (truncated) {
            err.println("ward audit query: more records match; showing the first " + limit
                    + " (narrow the search or raise --limit)");
        }
        return 0;
    }

    private Map<String, List<String>> query() {
        Map<String, List<String>> query = new LinkedHashMap<>();
        query.put("date", List.of("ge" + from, "le" + (to != null ? to : Instant.now().toString())));
        put(query, "patient.identifier", patients);
        put(query, "agent", users);
        put(query, "type", events);
        put(query, "subtype", types);
        put(query, "outcome", outcomes);
        put(query, "message-control-id", messageIds);
        put(query, "address", addresses);
        query.put("_count", List.of(String.valueOf(Math.min(limit, AuditEventSearch.MAX_COUNT))));
        return query;
    }

    private static void put(Map<String, List<String>> query, String name, List<String> values) {
        if (!values.isEmpty()) {
            query.put(name, values);
        }
    }

    /** Follows next pages until {@code limit} records; true when more would have matched. */
    private boolean collect(AuditStoreConfig store, AuditEventSearch first, List<StoredRecord> found) throws SQLException {
        AuditEventSearch search = first;
        while (true) {
            SearchPage page = AuditRepository.search(store, search);
            for (StoredRecord record : page.records()) {
                if (found.size() == limit) {
                    return true;
                }
                found.add(record);
            }
            if (page.next().isEmpty()) {
                return false;
            }
            if (found.size() == limit) {
                return true;
            }
            search = new AuditEventSearch(search.from(), search.to(), search.patients(), search.agents(),
                    search.sources(), search.types(), search.subtypes(), search.outcomes(), search.addresses(),
                    search.entityTypes(), search.entityRoles(), search.messageIds(), search.count(), page.next());
        }
    }

    private void print(List<StoredRecord> records, PrintWriter out) throws IOException {
        List<AuditRecordSummary> summaries = records.stream().map(AuditRecordSummary::of).toList();
        switch (format) {
            case table, csv -> TextTable.print(AuditRecordSummary.HEADER,
                    summaries.stream().map(AuditRecordSummary::cells).toList(),
                    format == Format.csv ? TextTable.Format.csv : TextTable.Format.table, "(no matching records)", out);
            case json -> json(records, summaries, out);
        }
        out.flush();
    }

    private static void json(List<StoredRecord> records, List<AuditRecordSummary> summaries, PrintWriter out)
            throws IOException {
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.useDefaultPrettyPrinter();
            json.writeStartArray();
            for (int i = 0; i < records.size(); i++) {
                StoredRecord record = records.get(i);
                AuditRecordSummary s = summaries.get(i);
                json.writeStartObject();
                json.writeNumberField("id", record.seq());
                json.writeStringField("receivedAt", record.receivedAt().toString());
                json.writeStringField("eventTime", s.eventTime());
                json.writeStringField("event", s.event());
                json.writeStringField("type", s.subtypes());
                json.writeStringField("action", s.action());
                json.writeStringField("outcome", s.outcome());
                json.writeStringField("users", s.users());
                json.writeStringField("patients", s.patients());
                json.writeStringField("messageIds", s.messageIds());
                json.writeStringField("auditSource", s.auditSource());
                json.writeStringField("status", s.status());
                json.writeStringField("receivedFrom", record.source());
                json.writeStringField("dicomXml", record.dicomXml().orElse(null));
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        out.println();
    }

    private void audit(WardConfig loaded, String query, boolean succeeded) {
        try (CommandAudit audit = CommandAudit.open(loaded.audit())) {
            audit.auditQueried(query, patients, succeeded);
        } catch (IOException e) {
            spec.commandLine().getErr().println("ward audit query: WARNING: the query could not be recorded in the"
                    + " audit inbox: " + e.getMessage());
        }
    }

    private static String queryText(Map<String, List<String>> query) {
        List<String> parts = new ArrayList<>();
        query.forEach((name, values) -> values.forEach(v -> parts.add(name + "=" + v)));
        return String.join("&", parts);
    }

    private static String describe(SQLException e) {
        String message = String.valueOf(e.getMessage());
        if ("90020".equals(e.getSQLState()) || message.contains("already in use")) {
            return "the H2 store is in use by a running Ward; search it over HTTPS (GET /fhir/AuditEvent) while Ward"
                    + " runs, or use a PostgreSQL store";
        }
        return message + " (SQLState " + e.getSQLState() + ")";
    }

}
