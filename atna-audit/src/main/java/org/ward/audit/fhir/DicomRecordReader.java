package org.ward.audit.fhir;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a DICOM audit message into a {@link RecordView} with StAX, leniently (unknown elements are
 * passed over). DTDs and external entities are refused: the XML comes from the network.
 */
public final class DicomRecordReader {

    private static final XMLInputFactory FACTORY = factory();

    private DicomRecordReader() {
    }

    /** @throws IllegalArgumentException when the text is not well-formed XML with an AuditMessage root */
    public static RecordView read(String xml) {
        try {
            XMLStreamReader in = FACTORY.createXMLStreamReader(new StringReader(xml));
            try {
                return new Parse(in).message();
            } finally {
                in.close();
            }
        } catch (XMLStreamException e) {
            throw new IllegalArgumentException("not a readable audit message: " + e.getMessage(), e);
        }
    }

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        return factory;
    }

    /** One pass over one document. */
    private static final class Parse {
        private final XMLStreamReader in;
        private RecordView.Event event = new RecordView.Event(Optional.empty(), "", "", "", Optional.empty(), List.of(),
                List.of());
        private final List<RecordView.Agent> agents = new ArrayList<>();
        private Optional<RecordView.Source> source = Optional.empty();
        private final List<RecordView.Entity> entities = new ArrayList<>();

        Parse(XMLStreamReader in) {
            this.in = in;
        }

        RecordView message() throws XMLStreamException {
            in.nextTag();
            if (!in.getLocalName().equals("AuditMessage")) {
                throw new IllegalArgumentException("the root element is " + in.getLocalName() + ", not AuditMessage");
            }
            while (in.nextTag() == XMLStreamConstants.START_ELEMENT) {
                switch (in.getLocalName()) {
                    case "EventIdentification" -> event = event();
                    case "ActiveParticipant" -> agents.add(agent());
                    case "AuditSourceIdentification" -> source = Optional.of(source());
                    case "ParticipantObjectIdentification" -> entities.add(entity());
                    default -> skip();
                }
            }
            return new RecordView(event, agents, source, entities);
        }

        private RecordView.Event event() throws XMLStreamException {
            String action = attr("EventActionCode").orElse("");
            String dateTime = attr("EventDateTime").orElse("");
            String outcome = attr("EventOutcomeIndicator").orElse("");
            Optional<RecordView.Coded> id = Optional.empty();
            Optional<String> description = Optional.empty();
            List<RecordView.Coded> types = new ArrayList<>();
            List<RecordView.Coded> purposes = new ArrayList<>();
            while (in.nextTag() == XMLStreamConstants.START_ELEMENT) {
                switch (in.getLocalName()) {
                    case "EventID" -> id = Optional.of(coded());
                    case "EventTypeCode" -> types.add(coded());
                    case "PurposeOfUse", "EventPurposeOfUse" -> purposes.add(coded());
                    case "EventOutcomeDescription" -> description = Optional.of(in.getElementText());
                    default -> skip();
                }
            }
            return new RecordView.Event(id, action, dateTime, outcome, description, types, purposes);
        }

        private RecordView.Agent agent() throws XMLStreamException {
            String userId = attr("UserID").orElse("");
            Optional<String> alternative = attr("AlternativeUserID");
            Optional<String> name = attr("UserName");
            boolean requestor = attr("UserIsRequestor").map(Boolean::parseBoolean).orElse(false);
            Optional<String> address = attr("NetworkAccessPointID");
            Optional<String> addressType = attr("NetworkAccessPointTypeCode");
            List<RecordView.Coded> roles = new ArrayList<>();
            while (in.nextTag() == XMLStreamConstants.START_ELEMENT) {
                if (in.getLocalName().equals("RoleIDCode")) {
                    roles.add(coded());
                } else {
                    skip();
                }
            }
            return new RecordView.Agent(userId, alternative, name, requestor, address, addressType, roles);
        }

        private RecordView.Source source() throws XMLStreamException {
            String id = attr("AuditSourceID").orElse("");
            Optional<String> site = attr("AuditEnterpriseSiteID");
            List<RecordView.Coded> types = new ArrayList<>();
            while (in.nextTag() == XMLStreamConstants.START_ELEMENT) {
                if (in.getLocalName().equals("AuditSourceTypeCode")) {
                    types.add(coded());
                } else {
                    skip();
                }
            }
            return new RecordView.Source(id, site, types);
        }

        private RecordView.Entity entity() throws XMLStreamException {
            String id = attr("ParticipantObjectID").orElse("");
            Optional<String> type = attr("ParticipantObjectTypeCode");
            Optional<String> role = attr("ParticipantObjectTypeCodeRole");
            Optional<String> lifecycle = attr("ParticipantObjectDataLifeCycle");
            Optional<RecordView.Coded> idType = Optional.empty();
            Optional<String> name = Optional.empty();
            Optional<String> query = Optional.empty();
            Optional<String> description = Optional.empty();
            List<RecordView.Detail> details = new ArrayList<>();
            while (in.nextTag() == XMLStreamConstants.START_ELEMENT) {
                switch (in.getLocalName()) {
                    case "ParticipantObjectIDTypeCode" -> idType = Optional.of(coded());
                    case "ParticipantObjectName" -> name = Optional.of(in.getElementText());
                    case "ParticipantObjectQuery" -> query = Optional.of(in.getElementText().strip());
                    case "ParticipantObjectDescription" -> description = Optional.of(in.getElementText());
                    case "ParticipantObjectDetail" -> {
                        details.add(new RecordView.Detail(attr("type").orElse(""), attr("value").orElse("")));
                        skip();
                    }
                    default -> skip();
                }
            }
            return new RecordView.Entity(id, type, role, lifecycle, idType, name, query, description, details);
        }

        /** A coded element ({@code csd-code}, or the RFC 3881 {@code code}); consumes it. */
        private RecordView.Coded coded() throws XMLStreamException {
            String code = attr("csd-code").or(() -> attr("code")).orElse("");
            String system = attr("codeSystemName").orElse("");
            String display = attr("originalText").or(() -> attr("displayName")).orElse("");
            skip();
            return new RecordView.Coded(code, system, display);
        }

        private Optional<String> attr(String name) {
            String value = in.getAttributeValue(null, name);
            return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
        }

        /** Passes over the current element and everything in it. */
        private void skip() throws XMLStreamException {
            int depth = 1;
            while (depth > 0) {
                int next = in.next();
                if (next == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                } else if (next == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
        }
    }
}
