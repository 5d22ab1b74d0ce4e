package org.ward.audit.repository;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Pulls the indexed fields out of a DICOM PS3.15 A.5 audit message in one streaming (StAX) pass:
 * no DOM, no namespace processing (the DICOM schema has no target namespace). Hostile input: a
 * DOCTYPE is an error (no entities, no external fetches). Thread-safe.
 */
public final class AuditRecordExtractor {

    private static final XMLInputFactory FACTORY = factory();

    private AuditRecordExtractor() {
    }

    /**
     * @throws XMLStreamException if the bytes are not well-formed XML or carry a DOCTYPE
     */
    public static ExtractedFields extract(byte[] xml, int offset, int length) throws XMLStreamException {
        XMLStreamReader r = FACTORY.createXMLStreamReader(new ByteArrayInputStream(xml, offset, length));
        try {
            return new Pass().run(r);
        } finally {
            r.close();
        }
    }

    private static final class Pass {
        private String eventId;
        private String eventAction;
        private String eventOutcome;
        private Instant eventTime;
        private final List<IndexEntry> index = new ArrayList<>();
        private int eventTypes;
        private int participants;
        private int patients;
        private int msh10s;
        private boolean inEventIdentification;

        ExtractedFields run(XMLStreamReader r) throws XMLStreamException {
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.DTD) {
                    throw new XMLStreamException("a DOCTYPE is not allowed in an audit record");
                }
                if (event == XMLStreamConstants.START_ELEMENT) {
                    start(r);
                } else if (event == XMLStreamConstants.END_ELEMENT
                        && "EventIdentification".equals(r.getLocalName())) {
                    inEventIdentification = false;
                }
            }
            return new ExtractedFields(eventId, eventAction, eventOutcome, eventTime, index);
        }

        private void start(XMLStreamReader r) {
            switch (r.getLocalName()) {
                case "EventIdentification" -> {
                    inEventIdentification = true;
                    eventAction = r.getAttributeValue(null, "EventActionCode");
                    eventOutcome = r.getAttributeValue(null, "EventOutcomeIndicator");
                    eventTime = time(r.getAttributeValue(null, "EventDateTime"));
                }
                case "EventID" -> {
                    if (inEventIdentification && eventId == null) {
                        eventId = code(r);
                    }
                }
                case "EventTypeCode" -> {
                    String code = code(r);
                    if (inEventIdentification && code != null) {
                        index.add(new IndexEntry(IndexKind.EVENT_TYPE, eventTypes++, code));
                    }
                }
                case "ActiveParticipant" -> {
                    int ordinal = participants++;
                    String userId = r.getAttributeValue(null, "UserID");
                    String address = r.getAttributeValue(null, "NetworkAccessPointID");
                    if (userId != null) {
                        index.add(new IndexEntry(IndexKind.USER_ID, ordinal, userId));
                    }
                    if (address != null) {
                        index.add(new IndexEntry(IndexKind.NETWORK_ACCESS_POINT, ordinal, address));
                    }
                }
                case "ParticipantObjectIdentification" -> {
                    // DICOM PS3.15 A.5.3.5: type code 1 (person) in role 1 (patient) is a patient.
                    String id = r.getAttributeValue(null, "ParticipantObjectID");
                    if (id != null && "1".equals(r.getAttributeValue(null, "ParticipantObjectTypeCode"))
                            && "1".equals(r.getAttributeValue(null, "ParticipantObjectTypeCodeRole"))) {
                        index.add(new IndexEntry(IndexKind.PATIENT_ID, patients++, id));
                        String bare = PatientIdentifier.id(id);
                        if (!bare.equals(id) && !bare.isEmpty()) { // also findable by the CX ID alone
                            index.add(new IndexEntry(IndexKind.PATIENT_ID, patients++, bare));
                        }
                    }
                }
                case "ParticipantObjectDetail" -> {
                    // ITI-20 / PCD: the HL7 message control ID travels as detail "MSH-10", base64 (xs:base64Binary).
                    if ("MSH-10".equals(r.getAttributeValue(null, "type"))) {
                        String value = r.getAttributeValue(null, "value");
                        String decoded = base64(value);
                        if (decoded != null) {
                            index.add(new IndexEntry(IndexKind.MSH_10, msh10s++, decoded));
                        }
                    }
                }
                default -> { }
            }
        }

        /** DICOM 2017c writes the code as csd-code; RFC 3881 records used code. */
        private static String code(XMLStreamReader r) {
            String code = r.getAttributeValue(null, "csd-code");
            return code != null ? code : r.getAttributeValue(null, "code");
        }

        private static Instant time(String value) {
            if (value == null) {
                return null;
            }
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException withoutOffset) {
                try {
                    return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException e) {
                    return null; // the schema check flags the record; the raw keeps the value
                }
            }
        }

        private static String base64(String value) {
            if (value == null) {
                return null;
            }
            try {
                return new String(Base64.getMimeDecoder().decode(value.strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        return factory;
    }
}
