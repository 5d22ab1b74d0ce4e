package org.ward.audit.repository;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.ward.audit.AuditXmlAssertions;
import org.ward.audit.event.Hl7Application;
import org.ward.audit.event.ImportBuilder;
import org.ward.audit.marshal.DicomAuditXml;
import org.ward.audit.model.AuditMessage;
import org.ward.audit.model.CodedValue;
import org.ward.audit.model.NetworkAccessPoint;
import org.ward.audit.syslog.MsgEncoding;
import org.ward.audit.syslog.Rfc5424Formatter;
import org.ward.audit.syslog.SyslogIdentity;

/** Audit records built with Ward's own builders and formatter, as a sender would put them on the wire. */
public final class Records {

    static final CodedValue PCD_01 = CodedValue.iheTransaction("PCD-01", "Communicate PCD Data");
    static final NetworkAccessPoint PUMP = NetworkAccessPoint.ipAddress("192.0.2.17");
    static final Rfc5424Formatter FORMATTER = new Rfc5424Formatter(
            new SyslogIdentity("icu-gw-1", "ward", "4242"), MsgEncoding.UTF8_WITH_BOM, 256 * 1024);

    private Records() {
    }

    /** A PCD-01 Import (110107) for one patient and message control ID, as DICOM XML. */
    static byte[] importXml(String patientId, String msh10) {
        return DicomAuditXml.toXml(importMessage(patientId, msh10));
    }

    /** The same, as the record Ward's audit trail hands to its sink. */
    static AuditMessage importMessage(String patientId, String msh10) {
        return ImportBuilder.of(AuditXmlAssertions.CONTEXT, AuditXmlAssertions.CLOCK, PCD_01)
                .source(Hl7Application.of("PUMP_APP^0123456789abcdef^EUI-64", "ICU"), PUMP)
                .destination(Hl7Application.of("WARD", "HOSP"))
                .authenticatedPeer("CN=pump-17,O=Example Hospital", "0123456789abcdef", PUMP)
                .patient(patientId)
                .messageControlId(msh10)
                .build();
    }

    /** The same, wrapped in an RFC 5424 SYSLOG-MSG ({@code <85>1 … IHE+RFC-3881 - BOM XML}). */
    static byte[] importSyslog(String patientId, String msh10) {
        return FORMATTER.format(Instant.parse("2026-11-22T10:15:30.123Z"), importXml(patientId, msh10));
    }

    public static AuditRow importRow(String patientId, String msh10) {
        return importRow(patientId, msh10, Instant.now());
    }

    /** As received at {@code receivedAt}, e.g. long ago for the retention tests. */
    static AuditRow importRow(String patientId, String msh10, Instant receivedAt) {
        return RecordAnalyzer.analyze(importSyslog(patientId, msh10), receivedAt, "127.0.0.1:50000 CN=test");
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
