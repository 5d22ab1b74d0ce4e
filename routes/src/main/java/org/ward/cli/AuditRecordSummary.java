package org.ward.cli;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.ward.audit.fhir.RecordView;
import org.ward.audit.repository.StoredRecord;

/**
 * What {@code ward audit query} shows of a record: the event, who did it, which patients and HL7
 * messages it names. Read from the record's own XML, the way the repository stored it.
 */
record AuditRecordSummary(long id, String eventTime, String event, String subtypes, String action, String outcome,
                          String users, String patients, String messageIds, String auditSource, String status) {

    static AuditRecordSummary of(StoredRecord record) {
        Optional<RecordView> view = record.view();
        String eventTime = record.eventTime() != null ? record.eventTime().toString() : "";
        if (view.isEmpty()) {
            return new AuditRecordSummary(record.seq(), eventTime, "", "", "", "", "", "", "", "",
                    record.status().name());
        }
        RecordView v = view.get();
        return new AuditRecordSummary(record.seq(), eventTime,
                v.event().id().map(AuditRecordSummary::coded).orElse(""),
                String.join(" ", v.event().types().stream().map(AuditRecordSummary::coded).toList()),
                v.event().action(), v.event().outcome(),
                String.join("; ", v.agents().stream().map(RecordView.Agent::userId).toList()),
                String.join("; ", v.entities().stream()
                        .filter(e -> e.type().filter("1"::equals).isPresent() && e.role().filter("1"::equals).isPresent())
                        .map(RecordView.Entity::id).toList()),
                String.join(" ", v.entities().stream().flatMap(e -> e.details().stream())
                        .filter(d -> d.type().equals("MSH-10")).map(d -> decode(d.base64())).toList()),
                v.source().map(RecordView.Source::sourceId).orElse(""), record.status().name());
    }

    List<String> cells() {
        return List.of(String.valueOf(id), eventTime, event, subtypes, action, outcome, users, patients, messageIds,
                auditSource, status);
    }

    static final List<String> HEADER = List.of("ID", "EVENT TIME", "EVENT", "TYPE", "ACTION", "OUTCOME", "USERS",
            "PATIENTS", "MSH-10", "AUDIT SOURCE", "STATUS");

    private static String coded(RecordView.Coded coded) {
        return coded.display() == null || coded.display().isEmpty() ? coded.code()
                : coded.code() + " " + coded.display();
    }

    private static String decode(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return base64;
        }
    }
}
