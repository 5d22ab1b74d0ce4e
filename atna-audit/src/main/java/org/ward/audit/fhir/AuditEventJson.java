package org.ward.audit.fhir;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a {@link RecordView} as a FHIR R4 AuditEvent, following the DICOM mapping of the FHIR
 * AuditEvent page and IHE BALP/RESTful ATNA (ITI-81): EventID → type, EventTypeCode → subtype,
 * ActiveParticipant → agent, AuditSourceIdentification → source, ParticipantObjectIdentification →
 * entity (details as valueBase64Binary, as DICOM carries them).
 */
public final class AuditEventJson {

    static final String DICOM = "http://dicom.nema.org/resources/ontology/DCM";
    /** Code systems the DICOM and IHE names stand for. */
    private static final Map<String, String> SYSTEMS = Map.of(
            "DCM", DICOM,
            "IHE Transactions", "urn:ihe:event-type-code",
            "RFC-3881", "urn:ietf:rfc:3881");
    private static final String ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
    private static final String OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";
    private static final String LIFECYCLE = "http://terminology.hl7.org/CodeSystem/dicom-audit-lifecycle";
    private static final String SOURCE_TYPE = "http://terminology.hl7.org/CodeSystem/security-source-type";
    /** An extension pointing at the record as received (DICOM XML). */
    public static final String ORIGINAL_EXTENSION = "urn:ward:fhir:StructureDefinition:dicom-audit-message";

    private AuditEventJson() {
    }

    /**
     * @param id       the repository's id of the record (AuditEvent.id)
     * @param original where the original DICOM XML can be fetched, as an extension; empty for none
     */
    public static void write(RecordView record, String id, Optional<String> original, JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeStringField("resourceType", "AuditEvent");
        out.writeStringField("id", id);
        if (original.isPresent()) {
            out.writeArrayFieldStart("extension");
            out.writeStartObject();
            out.writeStringField("url", ORIGINAL_EXTENSION);
            out.writeStringField("valueUrl", original.get());
            out.writeEndObject();
            out.writeEndArray();
        }
        RecordView.Event event = record.event();
        if (event.id().isPresent()) {
            out.writeFieldName("type");
            coding(event.id().get(), out);
        }
        codings("subtype", event.types(), out);
        text("action", event.action(), out);
        text("recorded", event.dateTime(), out);
        text("outcome", event.outcome(), out);
        if (event.outcomeDescription().isPresent()) {
            out.writeStringField("outcomeDesc", event.outcomeDescription().get());
        }
        if (!event.purposesOfUse().isEmpty()) {
            out.writeArrayFieldStart("purposeOfEvent");
            for (RecordView.Coded purpose : event.purposesOfUse()) {
                concept(List.of(purpose), out);
            }
            out.writeEndArray();
        }
        out.writeArrayFieldStart("agent");
        for (RecordView.Agent agent : record.agents()) {
            agent(agent, out);
        }
        out.writeEndArray();
        if (record.source().isPresent()) {
            source(record.source().get(), out);
        }
        if (!record.entities().isEmpty()) {
            out.writeArrayFieldStart("entity");
            for (RecordView.Entity entity : record.entities()) {
                entity(entity, out);
            }
            out.writeEndArray();
        }
        out.writeEndObject();
    }

    private static void agent(RecordView.Agent agent, JsonGenerator out) throws IOException {
        out.writeStartObject();
        if (!agent.roles().isEmpty()) {
            out.writeFieldName("type");
            concept(agent.roles().subList(0, 1), out);
            if (agent.roles().size() > 1) {
                out.writeArrayFieldStart("role");
                for (RecordView.Coded role : agent.roles().subList(1, agent.roles().size())) {
                    concept(List.of(role), out);
                }
                out.writeEndArray();
            }
        }
        out.writeObjectFieldStart("who");
        out.writeObjectFieldStart("identifier");
        out.writeStringField("value", agent.userId());
        out.writeEndObject();
        if (agent.userName().isPresent()) {
            out.writeStringField("display", agent.userName().get());
        }
        out.writeEndObject();
        if (agent.alternativeUserId().isPresent()) {
            out.writeStringField("altId", agent.alternativeUserId().get());
        }
        if (agent.userName().isPresent()) {
            out.writeStringField("name", agent.userName().get());
        }
        out.writeBooleanField("requestor", agent.requestor());
        if (agent.networkAccessPointId().isPresent()) {
            out.writeObjectFieldStart("network");
            out.writeStringField("address", agent.networkAccessPointId().get());
            if (agent.networkAccessPointType().isPresent()) {
                out.writeStringField("type", agent.networkAccessPointType().get());
            }
            out.writeEndObject();
        }
        out.writeEndObject();
    }

    private static void source(RecordView.Source source, JsonGenerator out) throws IOException {
        out.writeObjectFieldStart("source");
        if (source.enterpriseSiteId().isPresent()) {
            out.writeStringField("site", source.enterpriseSiteId().get());
        }
        out.writeObjectFieldStart("observer");
        out.writeStringField("display", source.sourceId());
        out.writeEndObject();
        if (!source.types().isEmpty()) {
            out.writeArrayFieldStart("type");
            for (RecordView.Coded type : source.types()) {
                out.writeStartObject();
                out.writeStringField("system", SOURCE_TYPE);
                out.writeStringField("code", type.code());
                if (!type.display().isEmpty()) {
                    out.writeStringField("display", type.display());
                }
                out.writeEndObject();
            }
            out.writeEndArray();
        }
        out.writeEndObject();
    }

    private static void entity(RecordView.Entity entity, JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeObjectFieldStart("what");
        out.writeObjectFieldStart("identifier");
        if (entity.idType().isPresent()) {
            out.writeFieldName("type");
            concept(List.of(entity.idType().get()), out);
        }
        out.writeStringField("value", entity.id());
        out.writeEndObject();
        out.writeEndObject();
        fixedCoding("type", ENTITY_TYPE, entity.type(), out);
        fixedCoding("role", OBJECT_ROLE, entity.role(), out);
        fixedCoding("lifecycle", LIFECYCLE, entity.lifecycle(), out);
        if (entity.name().isPresent()) {
            out.writeStringField("name", entity.name().get());
        }
        if (entity.description().isPresent()) {
            out.writeStringField("description", entity.description().get());
        }
        if (entity.queryBase64().isPresent()) {
            out.writeStringField("query", entity.queryBase64().get());
        }
        if (!entity.details().isEmpty()) {
            out.writeArrayFieldStart("detail");
            for (RecordView.Detail detail : entity.details()) {
                out.writeStartObject();
                out.writeStringField("type", detail.type());
                out.writeStringField("valueBase64Binary", detail.base64());
                out.writeEndObject();
            }
            out.writeEndArray();
        }
        out.writeEndObject();
    }

    private static void codings(String field, List<RecordView.Coded> codes, JsonGenerator out) throws IOException {
        if (codes.isEmpty()) {
            return;
        }
        out.writeArrayFieldStart(field);
        for (RecordView.Coded code : codes) {
            coding(code, out);
        }
        out.writeEndArray();
    }

    private static void concept(List<RecordView.Coded> codes, JsonGenerator out) throws IOException {
        out.writeStartObject();
        codings("coding", codes, out);
        out.writeEndObject();
    }

    private static void coding(RecordView.Coded code, JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeStringField("system", system(code.system()));
        out.writeStringField("code", code.code());
        if (!code.display().isEmpty()) {
            out.writeStringField("display", code.display());
        }
        out.writeEndObject();
    }

    private static void fixedCoding(String field, String system, Optional<String> code, JsonGenerator out)
            throws IOException {
        if (code.isEmpty()) {
            return;
        }
        out.writeObjectFieldStart(field);
        out.writeStringField("system", system);
        out.writeStringField("code", code.get());
        out.writeEndObject();
    }

    private static void text(String field, String value, JsonGenerator out) throws IOException {
        if (!value.isEmpty()) {
            out.writeStringField(field, value);
        }
    }

    /** DICOM and IHE code system names as FHIR system URIs; an OID becomes {@code urn:oid:}. */
    static String system(String name) {
        String known = SYSTEMS.get(name);
        if (known != null) {
            return known;
        }
        if (name.matches("[0-2](\\.\\d+)+")) {
            return "urn:oid:" + name;
        }
        return "urn:ward:code-system:" + name.replace(' ', '-');
    }
}
