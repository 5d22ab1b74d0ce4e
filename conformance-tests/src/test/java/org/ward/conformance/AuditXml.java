package org.ward.conformance;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.ward.engine.RecordingAuditSink;

/** Reads the DICOM audit records (ITI-20 XML) that a {@link RecordingAuditSink} kept. */
final class AuditXml {

    /** XPath that selects a Security Alert (110113) for Node Authentication (110126). */
    static final String NODE_AUTHENTICATION_ALERT = "/AuditMessage[EventIdentification/EventID/@csd-code='110113'"
            + " and EventIdentification/EventTypeCode/@csd-code='110126']";

    private AuditXml() {
    }

    static List<Document> records(RecordingAuditSink sink) {
        return sink.xml().stream().map(AuditXml::parse).toList();
    }

    static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("audit record is not XML: " + xml, e);
        }
    }

    static String xpath(Document doc, String expression) {
        try {
            return XPathFactory.newInstance().newXPath().evaluate(expression, doc);
        } catch (Exception e) {
            throw new AssertionError("bad XPath " + expression, e);
        }
    }

    static int count(Document doc, String expression) {
        try {
            return ((NodeList) XPathFactory.newInstance().newXPath().evaluate(expression, doc, XPathConstants.NODESET))
                    .getLength();
        } catch (Exception e) {
            throw new AssertionError("bad XPath " + expression, e);
        }
    }

    /** The text of a ParticipantObjectDetail of {@code type} (xs:base64Binary) in {@code doc}, or "" if none. */
    static String detail(Document doc, String type) {
        String value = xpath(doc, "//ParticipantObjectDetail[@type='" + type + "']/@value");
        return new String(Base64.getDecoder().decode(value), UTF_8);
    }
}
