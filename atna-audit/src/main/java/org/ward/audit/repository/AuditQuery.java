package org.ward.audit.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.ward.audit.fhir.AuditEventSearch;
import org.ward.audit.fhir.RecordView;

/**
 * Runs an {@link AuditEventSearch} against the store: the time window and the indexed filters
 * (patient, user, address, event ID, event type, outcome) in SQL, driven by the audit_index when the
 * search names one (patient, MSH-10, user, address, event type, in that order); the rest (audit source, entity type and role, a patient's assigning authority)
 * on the records read back. Results come in repository order (seq), a page at a time.
 *
 * <p>A page may hold fewer than {@code count} records and still have a next one: one call reads at
 * most {@link #MAX_SCANNED} rows, so a filter SQL cannot apply never holds a request for long.
 */
final class AuditQuery {

    /** Rows one page may read while filtering beyond SQL. */
    static final int MAX_SCANNED = 20_000;

    private final AuditEventSearch search;
    private final List<IndexFilter> indexFilters;

    AuditQuery(AuditEventSearch search) {
        this.search = search;
        this.indexFilters = indexFilters(search);
    }

    SearchPage run(AuditConnections connections) throws SQLException {
        List<StoredRecord> found = new ArrayList<>();
        long cursor = search.after().orElse(0L);
        int scanned = 0;
        Predicate<StoredRecord> rest = residualFilter();
        boolean more = true;
        try (Connection connection = connections.open()) {
            connection.setReadOnly(true);
            while (found.size() < search.count() && scanned < MAX_SCANNED && more) {
                int batch = Math.min(MAX_SCANNED - scanned, needsResidualFilter() ? 500 : search.count() - found.size() + 1);
                List<AuditRow> rows = select(connection, cursor, batch);
                more = rows.size() == batch;
                for (AuditRow row : rows) {
                    scanned++;
                    cursor = row.seq();
                    StoredRecord record = StoredRecord.of(row);
                    if (rest.test(record)) {
                        if (found.size() == search.count()) {
                            // One more match than asked for: there is a next page, starting after the last one kept.
                            return new SearchPage(found, Optional.of(found.get(found.size() - 1).seq()), scanned);
                        }
                        found.add(record);
                    }
                }
            }
        }
        if (!more) {
            return new SearchPage(found, Optional.empty(), scanned);
        }
        // Stopped at the page size or at the scan limit with rows left: the next page starts after what was read.
        long next = found.size() == search.count() ? found.get(found.size() - 1).seq() : cursor;
        return new SearchPage(found, Optional.of(next), scanned);
    }

    private List<AuditRow> select(Connection connection, long after, int limit) throws SQLException {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder(AuditTables.SELECT_RECORDS.replace("FROM audit_records",
                "FROM audit_records r"));
        Optional<IndexFilter> driver = indexFilters.stream().findFirst();
        if (driver.isPresent()) {
            sql.append(" JOIN (SELECT DISTINCT seq FROM audit_index WHERE kind = ? AND val IN (")
                    .append(placeholders(driver.get().values().size())).append(") AND seq > ?) d ON d.seq = r.seq");
            args.add(String.valueOf(driver.get().kind().code()));
            args.addAll(driver.get().values());
            args.add(after);
        }
        sql.append(" WHERE r.event_time >= ? AND r.event_time < ? AND r.seq > ?");
        args.add(AuditTables.time(search.from()));
        args.add(AuditTables.time(search.to()));
        args.add(after);
        for (IndexFilter filter : indexFilters.subList(Math.min(1, indexFilters.size()), indexFilters.size())) {
            sql.append(" AND EXISTS (SELECT 1 FROM audit_index x WHERE x.seq = r.seq AND x.kind = ? AND x.val IN (")
                    .append(placeholders(filter.values().size())).append("))");
            args.add(String.valueOf(filter.kind().code()));
            args.addAll(filter.values());
        }
        if (!search.types().isEmpty()) {
            List<String> codes = search.types().stream().map(AuditEventSearch.Token::code).toList();
            sql.append(" AND r.event_id IN (").append(placeholders(codes.size())).append(")");
            args.addAll(codes);
        }
        if (!search.outcomes().isEmpty()) {
            sql.append(" AND r.event_outcome IN (").append(placeholders(search.outcomes().size())).append(")");
            search.outcomes().forEach(o -> args.add(String.valueOf(o)));
        }
        sql.append(" ORDER BY r.seq LIMIT ?");
        args.add(limit);
        try (PreparedStatement statement = connection.prepareStatement(
                sql.toString().replace("SELECT seq, received_at", "SELECT r.seq, received_at"))) {
            for (int i = 0; i < args.size(); i++) {
                statement.setObject(i + 1, args.get(i));
            }
            List<AuditRow> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(AuditTables.rowWithoutIndex(rs));
                }
            }
            return rows;
        }
    }

    /** A filter on one kind of audit_index value: any of the values. */
    private record IndexFilter(IndexKind kind, List<String> values) {
    }

    /** The indexed filters, the most selective kind first (it drives the query). */
    private static List<IndexFilter> indexFilters(AuditEventSearch search) {
        List<IndexFilter> filters = new ArrayList<>();
        if (!search.patients().isEmpty()) {
            filters.add(new IndexFilter(IndexKind.PATIENT_ID,
                    search.patients().stream().map(AuditQuery::patientValue).distinct().toList()));
        }
        if (!search.messageIds().isEmpty()) {
            filters.add(new IndexFilter(IndexKind.MSH_10, search.messageIds()));
        }
        if (!search.agents().isEmpty()) {
            filters.add(new IndexFilter(IndexKind.USER_ID, search.agents()));
        }
        if (!search.addresses().isEmpty()) {
            filters.add(new IndexFilter(IndexKind.NETWORK_ACCESS_POINT, search.addresses()));
        }
        if (!search.subtypes().isEmpty()) {
            filters.add(new IndexFilter(IndexKind.EVENT_TYPE,
                    search.subtypes().stream().map(AuditEventSearch.Token::code).distinct().toList()));
        }
        return filters;
    }

    /** {@code system|value} is looked up by value (the CX ID); the authority is checked on the record. */
    private static String patientValue(String patient) {
        int bar = patient.indexOf('|');
        return bar < 0 ? patient : patient.substring(bar + 1);
    }

    private boolean needsResidualFilter() {
        return !search.sources().isEmpty() || !search.entityTypes().isEmpty() || !search.entityRoles().isEmpty()
                || search.patients().stream().anyMatch(p -> p.indexOf('|') > 0);
    }

    private Predicate<StoredRecord> residualFilter() {
        Predicate<StoredRecord> filter = record -> true;
        if (!search.sources().isEmpty()) {
            filter = filter.and(record -> record.view().flatMap(RecordView::source)
                    .map(source -> search.sources().contains(source.sourceId())).orElse(false));
        }
        if (!search.entityTypes().isEmpty()) {
            filter = filter.and(record -> entities(record).stream()
                    .anyMatch(e -> e.type().map(t -> search.entityTypes().contains(number(t))).orElse(false)));
        }
        if (!search.entityRoles().isEmpty()) {
            filter = filter.and(record -> entities(record).stream()
                    .anyMatch(e -> e.role().map(r -> search.entityRoles().contains(number(r))).orElse(false)));
        }
        List<String> withAuthority = search.patients().stream().filter(p -> p.indexOf('|') > 0).toList();
        if (!withAuthority.isEmpty() && withAuthority.size() == search.patients().size()) {
            filter = filter.and(record -> entities(record).stream().anyMatch(e -> withAuthority.stream()
                    .anyMatch(p -> PatientIdentifier.matches(e.id(), p))));
        }
        return filter;
    }

    private static List<RecordView.Entity> entities(StoredRecord record) {
        return record.view().map(RecordView::entities).orElse(List.of());
    }

    private static int number(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }
}
