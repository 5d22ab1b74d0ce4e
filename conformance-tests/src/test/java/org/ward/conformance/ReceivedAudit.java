package org.ward.conformance;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.ward.audit.marshal.DicomAuditSchema;
import org.ward.audit.marshal.InvalidAuditRecordException;

/**
 * One audit record as the repository wrote it: the RFC 5424 header ITI-20 prescribes, then a DICOM
 * audit message that must validate against dicom2017c.xsd. Only what the tests count is kept.
 *
 * @param eventId        EventID csd-code (110100 Application Activity, 110107 Import, 110113 Security Alert)
 * @param eventTypeCodes EventTypeCode csd-codes (110120 start, 110121 stop, 110126 Node Authentication)
 * @param outcome        EventOutcomeIndicator
 * @param controlIds     MSH-10 of every ParticipantObjectDetail type "MSH-10", base64-decoded
 */
record ReceivedAudit(String eventId, List<String> eventTypeCodes, String outcome, List<String> controlIds) {

    /**
     * ITI-20 §3.20.4.1.2: PRI 85 (facility 10 security/authorization, severity 5 notice), version 1,
     * MSGID "IHE+RFC-3881", no structured data; the MSG may start with a BOM (RFC 5424 §6.4).
     */
    private static final Pattern LINE = Pattern.compile(
            "<85>1 \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,6})?(Z|[+-]\\d\\d:\\d\\d) \\S+ \\S+ \\S+"
                    + " IHE\\+RFC-3881 - \uFEFF?(<.*)");

    static final String APPLICATION_ACTIVITY = "110100";
    static final String IMPORT = "110107";
    static final String SECURITY_ALERT = "110113";
    static final String APPLICATION_START = "110120";
    static final String APPLICATION_STOP = "110121";
    static final String NODE_AUTHENTICATION = "110126";

    /**
     * Parses one received line.
     *
     * @throws AssertionError if the header or the XML is not what ITI-20 requires
     */
    static ReceivedAudit parse(String line) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            throw new AssertionError("not an ITI-20 RFC 5424 audit message: " + abbreviate(line));
        }
        byte[] xml = m.group(3).getBytes(StandardCharsets.UTF_8);
        try {
            DicomAuditSchema.validate(xml);
        } catch (InvalidAuditRecordException e) {
            throw new AssertionError("record fails dicom2017c.xsd: " + e.getMessage() + ": " + e.parserDetail()
                    + "\n" + abbreviate(line), e);
        }
        Document doc = dom(xml);
        Element event = (Element) doc.getElementsByTagName("EventIdentification").item(0);
        String eventId = ((Element) event.getElementsByTagName("EventID").item(0)).getAttribute("csd-code");
        List<String> types = new ArrayList<>();
        NodeList typeNodes = event.getElementsByTagName("EventTypeCode");
        for (int i = 0; i < typeNodes.getLength(); i++) {
            types.add(((Element) typeNodes.item(i)).getAttribute("csd-code"));
        }
        List<String> controlIds = new ArrayList<>();
        NodeList details = doc.getElementsByTagName("ParticipantObjectDetail");
        for (int i = 0; i < details.getLength(); i++) {
            Element detail = (Element) details.item(i);
            if ("MSH-10".equals(detail.getAttribute("type"))) {
                controlIds.add(new String(Base64.getDecoder().decode(detail.getAttribute("value")),
                        StandardCharsets.UTF_8));
            }
        }
        return new ReceivedAudit(eventId, List.copyOf(types), event.getAttribute("EventOutcomeIndicator"),
                List.copyOf(controlIds));
    }

    boolean isImport() {
        return eventId.equals(IMPORT);
    }

    boolean isApplicationStart() {
        return eventId.equals(APPLICATION_ACTIVITY) && eventTypeCodes.contains(APPLICATION_START);
    }

    boolean isApplicationStop() {
        return eventId.equals(APPLICATION_ACTIVITY) && eventTypeCodes.contains(APPLICATION_STOP);
    }

    boolean isNodeAuthenticationAlert() {
        return eventId.equals(SECURITY_ALERT) && eventTypeCodes.contains(NODE_AUTHENTICATION);
    }

    /** The one MSH-10 of an Import record. */
    Optional<String> controlId() {
        return controlIds.size() == 1 ? Optional.of(controlIds.get(0)) : Optional.empty();
    }

    private static Document dom(byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new AssertionError("record passed the schema but cannot be parsed", e);
        }
    }

    private static String abbreviate(String line) {
        return line.length() > 400 ? line.substring(0, 400) + "… (" + line.length() + " chars)" : line;
    }
}
