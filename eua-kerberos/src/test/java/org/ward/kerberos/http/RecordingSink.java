package org.ward.kerberos.http;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.ward.audit.AuditSink;
import org.ward.audit.model.ActiveParticipant;
import org.ward.audit.model.AuditMessage;
import org.ward.audit.model.CodedValue;

/** Keeps every record, and shows each as one line an assertion can match. */
final class RecordingSink implements AuditSink {

    final List<AuditMessage> records = new CopyOnWriteArrayList<>();

    @Override
    public void emit(AuditMessage message) {
        records.add(message);
    }

    /**
     * e.g. {@code 110114 110122 outcome=4 user=stranger@MIT.TEST from=127.0.0.1 "principal not listed in users.yaml"}:
     * event ID, event types, outcome, the requesting person or peer and where from, the description.
     */
    static String line(AuditMessage m) {
        var e = m.eventIdentification();
        ActiveParticipant who = m.activeParticipants().stream().filter(ActiveParticipant::userIsRequestor)
                .findFirst().orElse(m.activeParticipants().get(0));
        return e.eventId().code() + " "
                + e.eventTypeCodes().stream().map(CodedValue::code).collect(Collectors.joining(","))
                + " outcome=" + e.outcome().wire()
                + " user=" + who.userId()
                + (who.userName() != null ? " name=" + who.userName() : "")
                + " from=" + (who.networkAccessPoint() == null ? "-" : who.networkAccessPoint().id())
                + " \"" + (e.outcomeDescription() == null ? "" : e.outcomeDescription()) + "\"";
    }

    List<String> lines() {
        return records.stream().map(RecordingSink::line).toList();
    }

    void clear() {
        records.clear();
    }
}
