package org.ward.audit.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ward.audit.AuditXmlAssertions.CLOCK;
import static org.ward.audit.AuditXmlAssertions.CONTEXT;
import static org.ward.audit.AuditXmlAssertions.EXPECTED_TIME;
import static org.ward.audit.AuditXmlAssertions.base64Text;
import static org.ward.audit.AuditXmlAssertions.count;
import static org.ward.audit.AuditXmlAssertions.validXml;
import static org.ward.audit.AuditXmlAssertions.xpath;

import org.junit.jupiter.api.Test;
import org.ward.audit.model.AuditMessage;
import org.ward.audit.model.CodedValue;
import org.ward.audit.model.NetworkAccessPoint;
import org.w3c.dom.Document;

class ImportExportBuilderTest {

    private static final CodedValue PCD_01 = CodedValue.iheTransaction("PCD-01", "Communicate PCD Data");
    private static final NetworkAccessPoint PUMP = NetworkAccessPoint.ipAddress("192.0.2.17");

    private static ImportBuilder pcd01Import() {
        return ImportBuilder.of(CONTEXT, CLOCK, PCD_01)
                .source(Hl7Application.of("PUMP_APP^0123456789abcdef^EUI-64", "ICU"), PUMP)
                .destination(Hl7Application.of("WARD", "HOSP"))
                .authenticatedPeer("CN=pump-17,O=Example Hospital", "0123456789abcdef", PUMP)
                .patient("12345^^^HOSP&1.2.3&ISO^MR")
                .messageControlId("MSG-0001");
    }

    @Test
    void importOfAPcd01MessageIsAValidIti20Record() {
        Document doc = validXml(pcd01Import().build());

        assertThat(xpath(doc, "/AuditMessage/EventIdentification/@EventActionCode")).isEqualTo("C");
        assertThat(xpath(doc, "/AuditMessage/EventIdentification/@EventOutcomeIndicator")).isEqualTo("0");
        assertThat(xpath(doc, "/AuditMessage/EventIdentification/@EventDateTime")).isEqualTo(EXPECTED_TIME);
        assertThat(xpath(doc, "//EventID/@csd-code")).isEqualTo("110107");
        assertThat(xpath(doc, "//EventTypeCode/@csd-code")).isEqualTo("PCD-01");
        assertThat(xpath(doc, "//EventTypeCode/@codeSystemName")).isEqualTo("IHE Transactions");
        assertThat(xpath(doc, "//EventTypeCode/@originalText")).isEqualTo("Communicate PCD Data");
    }

    @Test
    void importNamesSourceAsMsh4Msh3AndDestinationAsMsh6Msh5() {
        Document doc = validXml(pcd01Import().build());

        String source = "//ActiveParticipant[RoleIDCode/@csd-code='110153']";
        assertThat(xpath(doc, source + "/@UserID")).isEqualTo("ICU|PUMP_APP^0123456789abcdef^EUI-64");
        assertThat(xpath(doc, source + "/@UserIsRequestor")).isEqualTo("true");
        assertThat(xpath(doc, source + "/@NetworkAccessPointID")).isEqualTo("192.0.2.17");
        assertThat(xpath(doc, source + "/@NetworkAccessPointTypeCode")).isEqualTo("2");
        String destination = "//ActiveParticipant[RoleIDCode/@csd-code='110152']";
        assertThat(xpath(doc, destination + "/@UserID")).isEqualTo("HOSP|WARD");
        assertThat(xpath(doc, destination + "/@UserIsRequestor")).isEqualTo("false");
        assertThat(xpath(doc, destination + "/@NetworkAccessPointID")).isEqualTo("10.1.2.3");
        String peer = "//ActiveParticipant[@UserID='CN=pump-17,O=Example Hospital']";
        assertThat(xpath(doc, peer + "/@AlternativeUserID")).isEqualTo("0123456789abcdef");
        assertThat(count(doc, "//ActiveParticipant[@UserIsRequestor='true']")).isEqualTo(1);
    }

    @Test
    void importCarriesOnePatientWithTheControlIdAsBase64Detail() {
        Document doc = validXml(pcd01Import().build());

        assertThat(count(doc, "//ParticipantObjectIdentification")).isEqualTo(1);
        String patient = "//ParticipantObjectIdentification";
        assertThat(xpath(doc, patient + "/@ParticipantObjectID")).isEqualTo("12345^^^HOSP&1.2.3&ISO^MR");
        assertThat(xpath(doc, patient + "/@ParticipantObjectTypeCode")).isEqualTo("1");
        assertThat(xpath(doc, patient + "/@ParticipantObjectTypeCodeRole")).isEqualTo("1");
        assertThat(xpath(doc, patient + "/ParticipantObjectIDTypeCode/@csd-code")).isEqualTo("2");
        assertThat(xpath(doc, patient + "/ParticipantObjectIDTypeCode/@codeSystemName")).isEqualTo("RFC-3881");
        assertThat(xpath(doc, patient + "/ParticipantObjectIDTypeCode/@originalText")).isEqualTo("Patient Number");
        assertThat(xpath(doc, patient + "/ParticipantObjectDetail/@type")).isEqualTo("MSH-10");
        assertThat(xpath(doc, patient + "/ParticipantObjectDetail/@value")).isEqualTo("TVNHLTAwMDE=");
        assertThat(base64Text(xpath(doc, patient + "/ParticipantObjectDetail/@value"))).isEqualTo("MSG-0001");
    }

    @Test
    void rejectedImportKeepsItsOutcome() {
        Document doc = validXml(pcd01Import()
                .outcome(org.ward.audit.codes.EventOutcome.MINOR_FAILURE, "AE 101 required field missing").build());

        assertThat(xpath(doc, "//EventIdentification/@EventOutcomeIndicator")).isEqualTo("4");
        assertThat(xpath(doc, "//EventOutcomeDescription")).isEqualTo("AE 101 required field missing");
    }

    @Test
    void importWithoutAuthenticatedPeerStillValidates() {
        AuditMessage message = ImportBuilder.of(CONTEXT, CLOCK, PCD_01)
                .source(Hl7Application.of("GW", ""), PUMP)
                .destination(Hl7Application.of("WARD", ""))
                .patient("1").messageControlId("2").build();

        Document doc = validXml(message);
        assertThat(count(doc, "//ActiveParticipant")).isEqualTo(2);
        assertThat(xpath(doc, "//ActiveParticipant[1]/@UserID")).isEqualTo("|GW");
    }

    @Test
    void importNeedsSourceDestinationPatientAndControlId() {
        assertThatThrownBy(() -> ImportBuilder.of(CONTEXT, CLOCK, PCD_01).destination(Hl7Application.of("W", ""))
                .patient("1").messageControlId("2").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("source");
        assertThatThrownBy(() -> ImportBuilder.of(CONTEXT, CLOCK, PCD_01).source(Hl7Application.of("A", ""), PUMP)
                .patient("1").messageControlId("2").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("destination");
        assertThatThrownBy(() -> ImportBuilder.of(CONTEXT, CLOCK, PCD_01).source(Hl7Application.of("A", ""), PUMP)
                .destination(Hl7Application.of("W", "")).messageControlId("2").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("patient");
        assertThatThrownBy(() -> ImportBuilder.of(CONTEXT, CLOCK, PCD_01).source(Hl7Application.of("A", ""), PUMP)
                .destination(Hl7Application.of("W", "")).patient("1").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("MSH-10");
    }

    @Test
    void onePatientPerRecord() {
        assertThatThrownBy(() -> pcd01Import().patient("second"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("one patient");
    }

    @Test
    void toStringOfTheRecordCarriesNoPatientIdentifier() {
        AuditMessage message = pcd01Import().build();

        assertThat(message.toString()).contains("110107").doesNotContain("12345").doesNotContain("MSG-0001");
    }

    @Test
    void exportToADestinationIsAValidRecord() {
        AuditMessage message = ExportBuilder.of(CONTEXT, CLOCK, PCD_01)
                .source(Hl7Application.of("WARD", "HOSP"))
                .destination(Hl7Application.of("EMR", "HOSP"), NetworkAccessPoint.machineName("emr.example.org"))
                .authenticatedPeer("CN=emr.example.org", null, NetworkAccessPoint.machineName("emr.example.org"))
                .patient("12345^^^HOSP&1.2.3&ISO^MR")
                .messageControlId("MSG-0001")
                .build();

        Document doc = validXml(message);

        assertThat(xpath(doc, "//EventID/@csd-code")).isEqualTo("110106");
        assertThat(xpath(doc, "//EventIdentification/@EventActionCode")).isEqualTo("R");
        String source = "//ActiveParticipant[RoleIDCode/@csd-code='110153']";
        assertThat(xpath(doc, source + "/@UserID")).isEqualTo("HOSP|WARD");
        assertThat(xpath(doc, source + "/@NetworkAccessPointID")).isEqualTo("10.1.2.3");
        String destination = "//ActiveParticipant[RoleIDCode/@csd-code='110152']";
        assertThat(xpath(doc, destination + "/@UserID")).isEqualTo("HOSP|EMR");
        assertThat(xpath(doc, destination + "/@NetworkAccessPointID")).isEqualTo("emr.example.org");
        assertThat(xpath(doc, destination + "/@NetworkAccessPointTypeCode")).isEqualTo("1");
        assertThat(count(doc, "//ActiveParticipant[@UserID='CN=emr.example.org'][@AlternativeUserID]")).isZero();
        assertThat(base64Text(xpath(doc, "//ParticipantObjectDetail[@type='MSH-10']/@value"))).isEqualTo("MSG-0001");
    }
}
