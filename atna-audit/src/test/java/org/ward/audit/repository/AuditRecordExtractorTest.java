package org.ward.audit.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.stream.XMLStreamException;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.ward.audit.AuditXmlAssertions;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The StAX extractor and the analyzer around it, on the public DICOM audit samples (checked against
 * an independent XPath reading of the same file) and on records Ward's builders write.
 */
class AuditRecordExtractorTest {

    static final Path SAMPLES = Path.of(System.getProperty("ward.project.root", "../"))
            .resolveSibling("shared/conformance/audit-samples");

    static Stream<Path> samples() throws IOException {
        Path dir = Files.isDirectory(SAMPLES) ? SAMPLES : Path.of("/work/shared/conformance/audit-samples");
        assertThat(dir).as("DICOM audit samples").isDirectory();
        return Files.list(dir).filter(p -> p.toString().endsWith(".xml")).sorted();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void extractsWhatXPathFindsInEachSample(Path sample) throws Exception {
        byte[] xml = Files.readAllBytes(sample);
        Document doc = AuditXmlAssertions.parse(xml);

        ExtractedFields f = AuditRecordExtractor.extract(xml, 0, xml.length);

        assertThat(f.eventId()).isEqualTo(xpath(doc, "/AuditMessage/EventIdentification/EventID/@csd-code").get(0));
        assertThat(f.eventAction()).isEqualTo(
                xpath(doc, "/AuditMessage/EventIdentification/@EventActionCode").stream().findFirst().orElse(null));
        assertThat(f.eventOutcome()).isEqualTo(xpath(doc, "/AuditMessage/EventIdentification/@EventOutcomeIndicator").get(0));
        assertThat(f.eventTime()).isEqualTo(Instant.parse(xpath(doc, "/AuditMessage/EventIdentification/@EventDateTime").get(0)));
        assertThat(values(f, IndexKind.EVENT_TYPE)).isEqualTo(xpath(doc, "//EventTypeCode/@csd-code"));
        assertThat(values(f, IndexKind.USER_ID)).isEqualTo(xpath(doc, "//ActiveParticipant/@UserID"));
        assertThat(values(f, IndexKind.NETWORK_ACCESS_POINT)).isEqualTo(xpath(doc, "//ActiveParticipant/@NetworkAccessPointID"));
        // each patient CX, then its ID alone when the CX has more (findable by either)
        List<String> patients = new java.util.ArrayList<>();
        for (String cx : xpath(doc, "//ParticipantObjectIdentification"
                + "[@ParticipantObjectTypeCode='1' and @ParticipantObjectTypeCodeRole='1']/@ParticipantObjectID")) {
            patients.add(cx);
            String id = cx.split("\\^", -1)[0];
            if (!id.equals(cx) && !id.isEmpty()) {
                patients.add(id);
            }
        }
        assertThat(values(f, IndexKind.PATIENT_ID)).isEqualTo(patients);
    }

    @Test
    void pixFeedSampleInDetail() throws Exception {
        byte[] xml = Files.readAllBytes(samples().filter(p -> p.endsWith("pixfeed.xml")).findFirst().orElseThrow());

        ExtractedFields f = AuditRecordExtractor.extract(xml, 0, xml.length);

        assertThat(f.eventId()).isEqualTo("110110");
        assertThat(f.eventAction()).isEqualTo("C");
        assertThat(f.eventOutcome()).isEqualTo("0");
        assertThat(f.eventTime()).isEqualTo(Instant.parse("2020-03-19T12:24:34.434Z"));
        assertThat(values(f, IndexKind.EVENT_TYPE)).containsExactly("ITI-8");
        assertThat(values(f, IndexKind.USER_ID)).containsExactly("PKL|SAP-ISH", "root|dest");
        assertThat(values(f, IndexKind.PATIENT_ID))
                .containsExactly("7627199^^^HZLN&2.16.840.1.113883.3.37.4.1.1.2.411.1&ISO", "7627199");
        assertThat(values(f, IndexKind.MSH_10)).containsExactly("123456"); // MTIzNDU2
    }

    @Test
    void wardsImportRecordIsStoredValidWithPatientAndMsh10() {
        AuditRow row = Records.importRow("12345^^^HOSP&1.2.3&ISO^MR", "MSG-0001");

        assertThat(row.status()).as(row.problem()).isEqualTo(RecordStatus.VALID);
        assertThat(row.eventId()).isEqualTo("110107");
        assertThat(row.eventAction()).isEqualTo("C");
        assertThat(row.hostname()).isEqualTo("icu-gw-1");
        assertThat(row.msgId()).isEqualTo("IHE+RFC-3881");
        assertThat(row.values(IndexKind.EVENT_TYPE)).containsExactly("PCD-01");
        assertThat(row.values(IndexKind.PATIENT_ID)).containsExactly("12345^^^HOSP&1.2.3&ISO^MR", "12345");
        assertThat(row.values(IndexKind.MSH_10)).containsExactly("MSG-0001");
        assertThat(row.values(IndexKind.USER_ID)).contains("CN=pump-17,O=Example Hospital");
        assertThat(row.values(IndexKind.NETWORK_ACCESS_POINT)).contains("192.0.2.17", "10.1.2.3");
    }

    @Test
    void aDoctypeIsRefused() {
        byte[] xml = "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x \"y\">]><AuditMessage/>"
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> AuditRecordExtractor.extract(xml, 0, xml.length))
                .isInstanceOf(XMLStreamException.class);
    }

    @Test
    void everyKindOfBadRecordIsKeptAndFlagged() {
        Instant now = Instant.now();
        AuditRow badHeader = RecordAnalyzer.analyze("hello".getBytes(StandardCharsets.US_ASCII), now, "src");
        assertThat(badHeader.status()).isEqualTo(RecordStatus.MALFORMED_HEADER);
        assertThat(badHeader.raw()).isEqualTo("hello".getBytes(StandardCharsets.US_ASCII));

        byte[] latin1 = "<85>1 - h a p m - <AuditMessage>\u00e9</AuditMessage>".getBytes(StandardCharsets.ISO_8859_1);
        AuditRow notUtf8 = RecordAnalyzer.analyze(latin1, now, "src");
        assertThat(notUtf8.status()).isEqualTo(RecordStatus.NOT_UTF8);
        assertThat(notUtf8.hostname()).isEqualTo("h");

        byte[] notDicom = "<85>1 - h a p m - <AuditMessage><Foo/></AuditMessage>".getBytes(StandardCharsets.UTF_8);
        AuditRow invalid = RecordAnalyzer.analyze(notDicom, now, "src");
        assertThat(invalid.status()).isEqualTo(RecordStatus.INVALID_SCHEMA);
        assertThat(invalid.problem()).startsWith("DICOM schema");

        byte[] notXml = "<85>1 - h a p m - just text".getBytes(StandardCharsets.UTF_8);
        assertThat(RecordAnalyzer.analyze(notXml, now, "src").status()).isEqualTo(RecordStatus.INVALID_SCHEMA);
    }

    private static List<String> values(ExtractedFields f, IndexKind kind) {
        return f.index().stream().filter(e -> e.kind() == kind).map(IndexEntry::value).toList();
    }

    private static List<String> xpath(Document doc, String expression) throws Exception {
        NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(expression, doc,
                XPathConstants.NODESET);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            values.add(nodes.item(i).getNodeValue());
        }
        return values;
    }
}
