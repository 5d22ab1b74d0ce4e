package org.ward.audit.event;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ward.audit.AuditContext;
import org.ward.audit.codes.EventAction;
import org.ward.audit.codes.EventId;
import org.ward.audit.codes.EventOutcome;
import org.ward.audit.codes.ParticipantObjectIdType;
import org.ward.audit.codes.ParticipantObjectRole;
import org.ward.audit.codes.ParticipantObjectType;
import org.ward.audit.codes.RoleIdCode;
import org.ward.audit.model.ActiveParticipant;
import org.ward.audit.model.CodedValue;
import org.ward.audit.model.NetworkAccessPoint;
import org.ward.audit.model.Octets;
import org.ward.audit.model.ParticipantObjectIdentification;

/**
 * Query (110112), DICOM PS3.15 A.5.3.10, as the responder writes it: a peer or person queried
 * Ward. EventActionCode E; EventTypeCode the transaction. Source (110153, requestor) is the
 * querying side; destination (110152) is this Ward node. The query is a participant object:
 * System (2), role Query (24), ID type the transaction, {@code ParticipantObjectQuery} the
 * query bytes as received (base64). Patients the query names are optional objects.
 *
 * <pre>{@code
 * QueryBuilder.of(context, clock, CodedValue.iheTransaction("ITI-81", "Retrieve ATNA Audit Event"))
 *         .source("auditor@EXAMPLE.ORG", NetworkAccessPoint.ipAddress(client))
 *         .query(Octets.utf8(httpQueryString))
 *         .build();
 * }</pre>
 */
public final class QueryBuilder extends AuditEventBuilder<QueryBuilder> {

    private final CodedValue transaction;
    private ActiveParticipant source;
    private Octets query;
    private final List<String> patients = new ArrayList<>();

    private QueryBuilder(AuditContext context, Clock clock, CodedValue transaction) {
        super(context, clock, EventOutcome.SUCCESS);
        this.transaction = Objects.requireNonNull(transaction, "transaction");
    }

    public static QueryBuilder of(AuditContext context, Clock clock, CodedValue transaction) {
        return new QueryBuilder(context, clock, transaction);
    }

    /** The querying user or process and its address. */
    public QueryBuilder source(String userId, NetworkAccessPoint from) {
        source = new ActiveParticipant(userId, null, null, true, List.of(RoleIdCode.SOURCE.value()), from);
        return this;
    }

    /** The querying HL7 v2 application (MSH-3, MSH-4) and its address. */
    public QueryBuilder source(Hl7Application sender, NetworkAccessPoint from) {
        return source(sender.userId(), from);
    }

    /** The query as received; may name a patient, so it only ever goes to the record, base64. */
    public QueryBuilder query(Octets query) {
        this.query = Objects.requireNonNull(query, "query");
        return this;
    }

    /** A patient the query is about (Person, Patient, Patient Number). */
    public QueryBuilder patient(String patientId) {
        patients.add(Objects.requireNonNull(patientId, "patientId"));
        return this;
    }

    @Override
    EventId eventId() {
        return EventId.QUERY;
    }

    @Override
    EventAction action() {
        return EventAction.EXECUTE;
    }

    @Override
    List<CodedValue> eventTypes() {
        return List.of(transaction);
    }

    @Override
    void validate() {
        require(source != null, "Query needs the source (110153)");
        require(query != null, "Query needs the query parameters");
    }

    @Override
    List<ActiveParticipant> activeParticipants() {
        return List.of(source, wardNode(false, RoleIdCode.DESTINATION));
    }

    @Override
    List<ParticipantObjectIdentification> participantObjects() {
        List<ParticipantObjectIdentification> all = new ArrayList<>();
        all.add(new ParticipantObjectIdentification(null, ParticipantObjectType.SYSTEM_OBJECT,
                ParticipantObjectRole.QUERY, null, transaction, null, null, query, List.of()));
        for (String patient : patients) {
            all.add(new ParticipantObjectIdentification(patient, ParticipantObjectType.PERSON,
                    ParticipantObjectRole.PATIENT, null, ParticipantObjectIdType.PATIENT_NUMBER.value(),
                    null, null, null, List.of()));
        }
        return all;
    }
}
