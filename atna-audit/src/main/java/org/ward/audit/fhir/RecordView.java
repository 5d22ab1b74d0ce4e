package org.ward.audit.fhir;

import java.util.List;
import java.util.Optional;

/**
 * A DICOM audit message (PS3.15 A.5, RFC 3881) read leniently: every attribute as the sender wrote
 * it, absent ones empty. Records from other systems reach the repository too, some not valid against
 * the schema; they are still shown, so nothing here insists.
 */
public record RecordView(Event event, List<Agent> agents, Optional<Source> source, List<Entity> entities) {

    public RecordView {
        agents = List.copyOf(agents);
        entities = List.copyOf(entities);
    }

    /** A coded value: {@code csd-code}, {@code codeSystemName}, {@code originalText}. */
    public record Coded(String code, String system, String display) {
    }

    public record Event(Optional<Coded> id, String action, String dateTime, String outcome, Optional<String> outcomeDescription,
                        List<Coded> types, List<Coded> purposesOfUse) {
        public Event {
            types = List.copyOf(types);
            purposesOfUse = List.copyOf(purposesOfUse);
        }
    }

    public record Agent(String userId, Optional<String> alternativeUserId, Optional<String> userName, boolean requestor,
                        Optional<String> networkAccessPointId, Optional<String> networkAccessPointType, List<Coded> roles) {
        public Agent {
            roles = List.copyOf(roles);
        }
    }

    public record Source(String sourceId, Optional<String> enterpriseSiteId, List<Coded> types) {
        public Source {
            types = List.copyOf(types);
        }
    }

    /** A detail's value is the base64 text of the XML attribute, as FHIR's valueBase64Binary wants it. */
    public record Detail(String type, String base64) {
    }

    public record Entity(String id, Optional<String> type, Optional<String> role, Optional<String> lifecycle,
                         Optional<Coded> idType, Optional<String> name, Optional<String> queryBase64,
                         Optional<String> description, List<Detail> details) {
        public Entity {
            details = List.copyOf(details);
        }
    }
}
