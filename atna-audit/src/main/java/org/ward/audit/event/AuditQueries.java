package org.ward.audit.event;

import java.time.Clock;
import java.util.List;
import org.ward.audit.AuditContext;
import org.ward.audit.codes.EventOutcome;
import org.ward.audit.model.AuditMessage;
import org.ward.audit.model.CodedValue;
import org.ward.audit.model.NetworkAccessPoint;
import org.ward.audit.model.Octets;

/**
 * The audit record of a search of the audit repository, by a person over HTTPS or by
 * {@code ward audit query}: reading the audit log is itself audited (ITI-81, DICOM 110112 Query),
 * in the same repository, with who asked, from where, the query and the patients it names.
 */
public final class AuditQueries {

    /** ITI-81's transaction code, the record's EventTypeCode. */
    public static final CodedValue ITI_81 = CodedValue.iheTransaction("ITI-81", "Retrieve ATNA Audit Event");

    private AuditQueries() {
    }

    public static AuditMessage record(AuditContext context, Clock clock, String who, NetworkAccessPoint from,
                                      String query, List<String> patients, boolean succeeded) {
        QueryBuilder builder = QueryBuilder.of(context, clock, ITI_81).source(who, from).query(Octets.utf8(query));
        patients.forEach(builder::patient);
        if (!succeeded) {
            builder.outcome(EventOutcome.MINOR_FAILURE, "the search was refused or failed");
        }
        return builder.build();
    }
}
