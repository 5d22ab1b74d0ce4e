package org.ward.audit.marshal;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.ward.audit.model.ActiveParticipant;
import org.ward.audit.model.AuditMessage;
import org.ward.audit.model.AuditSourceIdentification;
import org.ward.audit.model.CodedValue;
import org.ward.audit.model.EventIdentification;
import org.ward.audit.model.ParticipantObjectDetail;
import org.ward.audit.model.ParticipantObjectIdentification;

/**
 * Writes an {@link AuditMessage} as DICOM PS3.15 A.5 XML, element and attribute names and order
 * as {@code dicom2017c.xsd} requires. No namespace (the schema has no target namespace).
 *
 * <p>Encoding: UTF-8 without an XML declaration and without a BOM. XML 1.0 §4.3.3 makes UTF-8
 * the encoding of an entity without declaration, so the declaration adds nothing; the record
 * travels as the MSG of an RFC 5424 syslog message (ITI-20), and whether MSG starts with a BOM
 * (RFC 5424 §6.4) is the syslog formatter's decision, not this class's.
 *
 * <p>Escaping is the XML writer's job. Characters XML 1.0 cannot carry at all (C0 controls
 * other than TAB/LF/CR, lone surrogates, U+FFFE/U+FFFF) arrive in peer-supplied values such as
 * MSH fields and certificate names; they are replaced by U+FFFD so that a hostile value cannot
 * make the record unreadable. Values that must keep every byte belong in a
 * {@code ParticipantObjectDetail}, which is base64.
 */
public final class DicomAuditXml {

    /** xs:dateTime in UTC with exactly three fraction digits, e.g. {@code 2026-11-22T10:15:30.123Z}. */
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

    /** One factory per thread: building one costs more than writing a record; the JDK does not promise sharing. */
    private static final ThreadLocal<XMLOutputFactory> FACTORY = ThreadLocal.withInitial(XMLOutputFactory::newDefaultFactory);

    private DicomAuditXml() {
    }

    /** The record as UTF-8 XML bytes. */
    public static byte[] toXml(AuditMessage message) {
        // Chars into a StringWriter, encoded once at the end: the JDK writer over an OutputStream
        // hands the stream one byte at a time, which cost more than building the record.
        StringWriter out = new StringWriter(4096);
        try {
            XMLStreamWriter xml = FACTORY.get().createXMLStreamWriter(out);
            xml.writeStartElement("AuditMessage");
            eventIdentification(xml, message.eventIdentification());
            for (ActiveParticipant participant : message.activeParticipants()) {
                activeParticipant(xml, participant);
            }
            auditSource(xml, message.auditSourceIdentification());
            for (ParticipantObjectIdentification object : message.participantObjects()) {
                participantObject(xml, object);
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            // Only reachable through a writer bug: the target is memory and every value is sanitised.
            throw new IllegalStateException("cannot write audit record XML", e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The {@code EventDateTime} form this class writes. */
    public static String dateTime(Instant instant) {
        return DATE_TIME.format(instant);
    }

    private static void eventIdentification(XMLStreamWriter xml, EventIdentification event)
            throws XMLStreamException {
        xml.writeStartElement("EventIdentification");
        attribute(xml, "EventActionCode", event.action().wire());
        attribute(xml, "EventDateTime", dateTime(event.dateTime()));
        attribute(xml, "EventOutcomeIndicator", event.outcome().wire());
        coded(xml, "EventID", event.eventId());
        codedList(xml, "EventTypeCode", event.eventTypeCodes());
        if (event.outcomeDescription() != null) {
            text(xml, "EventOutcomeDescription", event.outcomeDescription());
        }
        codedList(xml, "PurposeOfUse", event.purposesOfUse());
        xml.writeEndElement();
    }

    private static void activeParticipant(XMLStreamWriter xml, ActiveParticipant participant)
            throws XMLStreamException {
        xml.writeStartElement("ActiveParticipant");
        attribute(xml, "UserID", participant.userId());
        attribute(xml, "AlternativeUserID", participant.alternativeUserId());
        attribute(xml, "UserName", participant.userName());
        attribute(xml, "UserIsRequestor", Boolean.toString(participant.userIsRequestor()));
        if (participant.networkAccessPoint() != null) {
            attribute(xml, "NetworkAccessPointID", participant.networkAccessPoint().id());
            attribute(xml, "NetworkAccessPointTypeCode", participant.networkAccessPoint().type().wire());
        }
        codedList(xml, "RoleIDCode", participant.roleIdCodes());
        xml.writeEndElement();
    }

    private static void auditSource(XMLStreamWriter xml, AuditSourceIdentification source)
            throws XMLStreamException {
        xml.writeStartElement("AuditSourceIdentification");
        attribute(xml, "AuditEnterpriseSiteID", source.enterpriseSiteId());
        attribute(xml, "AuditSourceID", source.auditSourceId());
        codedList(xml, "AuditSourceTypeCode", source.typeCodes());
        xml.writeEndElement();
    }

    private static void participantObject(XMLStreamWriter xml, ParticipantObjectIdentification object)
            throws XMLStreamException {
        xml.writeStartElement("ParticipantObjectIdentification");
        attribute(xml, "ParticipantObjectID", object.id());
        if (object.type() != null) {
            attribute(xml, "ParticipantObjectTypeCode", object.type().wire());
        }
        if (object.role() != null) {
            attribute(xml, "ParticipantObjectTypeCodeRole", object.role().wire());
        }
        if (object.lifeCycle() != null) {
            attribute(xml, "ParticipantObjectDataLifeCycle", object.lifeCycle().wire());
        }
        attribute(xml, "ParticipantObjectSensitivity", object.sensitivity());
        coded(xml, "ParticipantObjectIDTypeCode", object.idTypeCode());
        if (object.name() != null) {
            text(xml, "ParticipantObjectName", object.name());
        } else if (object.query() != null) {
            text(xml, "ParticipantObjectQuery", object.query().base64());
        }
        for (ParticipantObjectDetail detail : object.details()) {
            xml.writeEmptyElement("ParticipantObjectDetail");
            attribute(xml, "type", detail.type());
            attribute(xml, "value", detail.value().base64());
        }
        xml.writeEndElement();
    }

    private static void codedList(XMLStreamWriter xml, String element, List<CodedValue> values)
            throws XMLStreamException {
        for (CodedValue value : values) {
            coded(xml, element, value);
        }
    }

    private static void coded(XMLStreamWriter xml, String element, CodedValue value)
            throws XMLStreamException {
        xml.writeEmptyElement(element);
        attribute(xml, "csd-code", value.code());
        attribute(xml, "codeSystemName", value.codeSystemName());
        attribute(xml, "displayName", value.displayName());
        attribute(xml, "originalText", value.originalText());
    }

    private static void text(XMLStreamWriter xml, String element, String text) throws XMLStreamException {
        xml.writeStartElement(element);
        xml.writeCharacters(XmlChars.sanitize(text));
        xml.writeEndElement();
    }

    /** Writes the attribute if the value is present; optional attributes are absent, never empty. */
    private static void attribute(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        if (value != null) {
            xml.writeAttribute(name, XmlChars.sanitize(value));
        }
    }
}
