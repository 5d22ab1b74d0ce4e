package org.ward.audit.marshal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ward.audit.AuditXmlAssertions.CONTEXT;
import static org.ward.audit.AuditXmlAssertions.base64Text;
import static org.ward.audit.AuditXmlAssertions.count;
import static org.ward.audit.AuditXmlAssertions.validXml;
import static org.ward.audit.AuditXmlAssertions.xpath;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ward.audit.codes.EventAction;
import org.ward.audit.codes.EventId;
import org.ward.audit.codes.EventOutcome;
import org.ward.audit.codes.ParticipantObjectIdType;
import org.ward.audit.codes.ParticipantObjectRole;
import org.ward.audit.codes.ParticipantObjectType;
import org.ward.audit.model.ActiveParticipant;
import org.ward.audit.model.AuditMessage;
import org.ward.audit.model.CodedValue;
import org.ward.audit.model.EventIdentification;
import org.ward.audit.model.NetworkAccessPoint;
import org.ward.audit.model.Octets;
import org.ward.audit.model.ParticipantObjectDetail;
import org.ward.audit.model.ParticipantObjectIdentification;
import org.w3c.dom.Document;

class DicomAuditXmlTest {

    @Test
    void writesUtcMillisecondsWithoutXmlDeclaration() {
        byte[] xml = DicomAuditXml.toXml(message("PAT-1", Instant.parse("2026-11-22T10:15:30Z")));

        assertThat(new String(xml, StandardCharsets.UTF_8)).startsWith("<AuditMessage>");
        Document doc = validXml(message("PAT-1", Instant.parse("2026-11-22T10:15:30Z")));
        assertThat(xpath(doc, "/AuditMessage/EventIdentification/@EventDateTime"))
                .isEqualTo("2026-11-22T10:15:30.000Z");
    }

    @Test
    void writesEveryPartInSchemaOrder() {
        Document doc = validXml(message("PAT-1", Instant.parse("2026-11-22T10:15:30.123Z")));

        assertThat(xpath(doc, "name(/AuditMessage/*[1])")).isEqualTo("EventIdentification");
        assertThat(xpath(doc, "name(/AuditMessage/*[2])")).isEqualTo("ActiveParticipant");
        assertThat(xpath(doc, "name(/AuditMessage/*[3])")).isEqualTo("AuditSourceIdentification");
        assertThat(xpath(doc, "name(/AuditMessage/*[4])")).isEqualTo("ParticipantObjectIdentification");
        assertThat(xpath(doc, "/AuditMessage/EventIdentification/EventID/@csd-code")).isEqualTo("110107");
        assertThat(xpath(doc, "/AuditMessage/EventIdentification/EventID/@codeSystemName")).isEqualTo("DCM");
        assertThat(xpath(doc, "/AuditMessage/EventIdentification/EventID/@originalText")).isEqualTo("Import");
        assertThat(xpath(doc, "/AuditMessage/EventIdentification/EventOutcomeDescription"))
                .isEqualTo("AE: OBX-3 unknown");
        assertThat(xpath(doc, "/AuditMessage/EventIdentification/PurposeOfUse/@csd-code")).isEqualTo("TREAT");
        assertThat(xpath(doc, "/AuditMessage/AuditSourceIdentification/@AuditEnterpriseSiteID"))
                .isEqualTo("EXAMPLE-HOSPITAL");
        assertThat(xpath(doc, "/AuditMessage/AuditSourceIdentification/AuditSourceTypeCode/@csd-code"))
                .isEqualTo("4");
    }

    @Test
    void escapesMarkupAndReplacesCharactersXmlCannotCarry() {
        String hostile = "<x a=\"1\">&amp;\u0000\u000B\u001C'";

        Document doc = validXml(message(hostile, Instant.EPOCH));

        assertThat(xpath(doc, "//ParticipantObjectIdentification/@ParticipantObjectID"))
                .isEqualTo("<x a=\"1\">&amp;\uFFFD\uFFFD\uFFFD'");
    }

    @Test
    void keepsNonAsciiAsUtf8() {
        Document doc = validXml(message("Müller-Łódź-😀", Instant.EPOCH));

        assertThat(xpath(doc, "//ParticipantObjectIdentification/@ParticipantObjectID"))
                .isEqualTo("Müller-Łódź-😀");
    }

    @Test
    void writesDetailsAndQueriesAsBase64() {
        byte[] rawQuery = "QPD|IHE PDQ Query|Q1|@PID.5.1^SMITH\r".getBytes(StandardCharsets.UTF_8);
        ParticipantObjectIdentification query = new ParticipantObjectIdentification(null,
                ParticipantObjectType.SYSTEM_OBJECT, ParticipantObjectRole.QUERY, null,
                CodedValue.iheTransaction("ITI-21", "Patient Demographics Query"), null, null,
                Octets.of(rawQuery), List.of(ParticipantObjectDetail.text("MSH-10", "<ctl&1>")));
        AuditMessage message = new AuditMessage(event(Instant.EPOCH), List.of(participant()),
                CONTEXT.sourceIdentification(), List.of(query));

        Document doc = validXml(message);

        assertThat(xpath(doc, "//ParticipantObjectQuery")).isEqualTo(Octets.of(rawQuery).base64());
        assertThat(base64Text(xpath(doc, "//ParticipantObjectDetail[@type='MSH-10']/@value")))
                .isEqualTo("<ctl&1>");
        assertThat(count(doc, "//ParticipantObjectName")).isZero();
    }

    @Test
    void leavesOptionalAttributesOutRatherThanEmpty() {
        AuditMessage message = new AuditMessage(event(Instant.EPOCH),
                List.of(new ActiveParticipant("ward", null, null, false, List.of(), null)),
                CONTEXT.sourceIdentification(), List.of());

        String xml = new String(DicomAuditXml.toXml(message), StandardCharsets.UTF_8);

        assertThat(xml).contains("<ActiveParticipant UserID=\"ward\" UserIsRequestor=\"false\"></ActiveParticipant>")
                .doesNotContain("=\"\"");
    }

    private static AuditMessage message(String patientId, Instant at) {
        ParticipantObjectIdentification patient = new ParticipantObjectIdentification(patientId,
                ParticipantObjectType.PERSON, ParticipantObjectRole.PATIENT, null,
                ParticipantObjectIdType.PATIENT_NUMBER.value(), null, null, null,
                List.of(ParticipantObjectDetail.text("MSH-10", "MSG00001")));
        return new AuditMessage(event(at), List.of(participant()), CONTEXT.sourceIdentification(), List.of(patient));
    }

    private static EventIdentification event(Instant at) {
        return new EventIdentification(EventId.IMPORT.value(), EventAction.CREATE, at,
                EventOutcome.MINOR_FAILURE, "AE: OBX-3 unknown",
                List.of(CodedValue.iheTransaction("PCD-01", "Communicate PCD Data")),
                List.of(CodedValue.of("TREAT", "2.16.840.1.113883.5.8", "Treatment")));
    }

    private static ActiveParticipant participant() {
        return new ActiveParticipant("HOSP|PUMP", null, null, true, List.of(),
                NetworkAccessPoint.ipAddress("192.0.2.7"));
    }
}
