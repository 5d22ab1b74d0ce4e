package org.ward.audit.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ward.audit.AuditContext;
import org.ward.audit.event.Hl7Application;
import org.ward.audit.event.ImportBuilder;
import org.ward.audit.marshal.DicomAuditXml;
import org.ward.audit.model.CodedValue;
import org.ward.audit.model.NetworkAccessPoint;

/** DICOM audit messages as FHIR R4 AuditEvents (ITI-81 / BALP mapping). */
class AuditEventJsonTest {

    /** IPF's public samples (see PROVENANCE.md there); Surefire runs in the module folder. */
    private static final Path SAMPLES = Path.of("src", "test", "resources", "audit-samples");

    static Stream<Path> samples() throws IOException {
        return Files.list(SAMPLES).filter(p -> p.toString().endsWith(".xml")).sorted();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everyPublicSampleBecomesWellFormedJsonWithItsEventCode(Path sample) throws IOException {
        String xml = Files.readString(sample);
        RecordView record = DicomRecordReader.read(xml);

        String json = json(record, "1");

        assertWellFormed(json);
        assertThat(json).startsWith("{\"resourceType\":\"AuditEvent\",\"id\":\"1\"");
        assertThat(record.event().id()).isPresent();
        assertThat(json).contains("\"type\":{\"system\":\"" + AuditEventJson.DICOM + "\",\"code\":\""
                + record.event().id().get().code() + "\"");
        assertThat(record.agents()).isNotEmpty();
    }

    @Test
    void pixFeedMapsTypeSubtypeAgentsSourceAndThePatientEntity() throws IOException {
        String json = json(DicomRecordReader.read(Files.readString(samples().filter(p -> p.endsWith("pixfeed.xml"))
                .findFirst().orElseThrow())), "42");

        assertThat(json)
                .contains("\"subtype\":[{\"system\":\"urn:ihe:event-type-code\",\"code\":\"ITI-8\","
                        + "\"display\":\"Patient Identity Feed\"}]")
                .contains("\"action\":\"C\"", "\"recorded\":\"2020-03-19T12:24:34.434Z\"", "\"outcome\":\"0\"")
                .contains("\"who\":{\"identifier\":{\"value\":\"PKL|SAP-ISH\"}},\"requestor\":true,"
                        + "\"network\":{\"address\":\"127.0.0.1\",\"type\":\"2\"}")
                .contains("\"altId\":\"18996\"")
                .contains("\"source\":{\"site\":\"MPI\",\"observer\":{\"display\":\"MPI\"}")
                .contains("\"value\":\"7627199^^^HZLN&2.16.840.1.113883.3.37.4.1.1.2.411.1&ISO\"")
                .contains("\"type\":{\"system\":\"http://terminology.hl7.org/CodeSystem/audit-entity-type\",\"code\":\"1\"}")
                .contains("\"role\":{\"system\":\"http://terminology.hl7.org/CodeSystem/object-role\",\"code\":\"1\"}")
                .contains("\"detail\":[{\"type\":\"MSH-10\",\"valueBase64Binary\":\"MTIzNDU2\"}]");
    }

    @Test
    void wardsOwnImportRecordMapsWithItsPatientAndControlId() throws IOException {
        AuditContext context = AuditContext.applicationServer("ward@test", null, NetworkAccessPoint.machineName("ward"));
        String xml = new String(DicomAuditXml.toXml(ImportBuilder.of(context, Clock.systemUTC(),
                        CodedValue.iheTransaction("PCD-01", "Communicate PCD Data"))
                .source(Hl7Application.of("AcmeInc^ACDE48234567ABCD^EUI-64", ""), NetworkAccessPoint.machineName("10.0.0.7"))
                .destination(Hl7Application.of("WARD", ""))
                .patient("789567^^^Imaginary Hospital^PI")
                .messageControlId("MSGID1234")
                .build()), StandardCharsets.UTF_8);

        String json = json(DicomRecordReader.read(xml), "7");

        assertWellFormed(json);
        assertThat(json).contains("\"code\":\"110107\"", "\"code\":\"PCD-01\"",
                "\"value\":\"789567^^^Imaginary Hospital^PI\"", "\"type\":\"MSH-10\"");
    }

    @Test
    void aBundleLinksTheNextPageAndShowsAnUnreadableRecordWithoutFailing() throws IOException {
        String xml = Files.readString(samples().findFirst().orElseThrow());
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        AuditEventBundle.write("https://ward:8443/fhir", "https://ward:8443/fhir/AuditEvent?date=ge2020&_count=2",
                Optional.of("https://ward:8443/fhir/AuditEvent?date=ge2020&_count=2&_after=2"), Optional.of(3L),
                List.of(new AuditEventBundle.Entry("1", xml), new AuditEventBundle.Entry("2", "<not-xml")), out);

        String json = out.toString(StandardCharsets.UTF_8);
        assertWellFormed(json);
        assertThat(json).contains("\"type\":\"searchset\"", "\"total\":3", "\"relation\":\"next\"",
                "\"fullUrl\":\"https://ward:8443/fhir/AuditEvent/2\"", "not a readable DICOM audit message",
                "\"valueUrl\":\"https://ward:8443/fhir/AuditEvent/1/dicom\"");
    }

    @Test
    void externalEntitiesAreRefused() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE AuditMessage [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<AuditMessage><EventIdentification EventActionCode=\"E\" EventDateTime=\"2020-01-01T00:00:00Z\""
                + " EventOutcomeIndicator=\"0\"><EventID csd-code=\"110100\" codeSystemName=\"DCM\" originalText=\"&x;\"/>"
                + "</EventIdentification></AuditMessage>";
        assertThatThrownBy(() -> DicomRecordReader.read(xxe)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String json(RecordView record, String id) throws IOException {
        StringWriter writer = new StringWriter();
        try (JsonGenerator out = new JsonFactory().createGenerator(writer)) {
            AuditEventJson.write(record, id, Optional.empty(), out);
        }
        return writer.toString();
    }

    private static void assertWellFormed(String json) throws IOException {
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            while (parser.nextToken() != null) {
                // reading to the end throws on any syntax error
            }
        }
    }
}
