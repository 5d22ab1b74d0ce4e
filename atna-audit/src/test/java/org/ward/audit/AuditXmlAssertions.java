package org.ward.audit;

import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.ward.audit.marshal.DicomAuditSchema;
import org.ward.audit.marshal.DicomAuditXml;
import org.ward.audit.marshal.InvalidAuditRecordException;
import org.ward.audit.model.AuditMessage;
import org.ward.audit.model.NetworkAccessPoint;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** Shared test fixtures: a fixed clock and context, and "marshal, validate, parse" in one step. */
public final class AuditXmlAssertions {

    /** Microseconds on purpose: the record must carry milliseconds only. */
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:15:30.123456Z"), ZoneOffset.UTC);
    public static final String EXPECTED_TIME = "2026-11-22T10:15:30.123Z";
    public static final AuditContext CONTEXT = AuditContext.applicationServer(
            "ward@icu-gw-1", "EXAMPLE-HOSPITAL", NetworkAccessPoint.ipAddress("10.1.2.3"));

    private AuditXmlAssertions() {
    }

    /** The record as XML, failing the test if it does not validate against dicom2017c.xsd. */
    public static Document validXml(AuditMessage message) {
        byte[] xml = DicomAuditXml.toXml(message);
        try {
            DicomAuditSchema.validate(xml);
        } catch (InvalidAuditRecordException e) {
            fail(e.getMessage() + ": " + e.parserDetail() + "\n" + new String(xml, java.nio.charset.StandardCharsets.UTF_8));
        }
        return parse(xml);
    }

    public static Document parse(byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new AssertionError("not well-formed", e);
        }
    }

    /** The string value of an XPath expression ("" when nothing matches). */
    public static String xpath(Document document, String expression) {
        try {
            return XPathFactory.newDefaultInstance().newXPath().evaluate(expression, document);
        } catch (Exception e) {
            throw new AssertionError(expression, e);
        }
    }

    public static int count(Document document, String expression) {
        try {
            return ((NodeList) XPathFactory.newDefaultInstance().newXPath()
                    .evaluate(expression, document, XPathConstants.NODESET)).getLength();
        } catch (Exception e) {
            throw new AssertionError(expression, e);
        }
    }

    /** The UTF-8 text of a base64 attribute value. */
    public static String base64Text(String base64) {
        return new String(java.util.Base64.getDecoder().decode(base64), java.nio.charset.StandardCharsets.UTF_8);
    }
}
