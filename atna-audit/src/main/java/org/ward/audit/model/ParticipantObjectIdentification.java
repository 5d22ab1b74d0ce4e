package org.ward.audit.model;

import java.util.List;
import java.util.Objects;
import org.ward.audit.codes.DataLifeCycle;
import org.ward.audit.codes.ParticipantObjectRole;
import org.ward.audit.codes.ParticipantObjectType;

/**
 * {@code ParticipantObjectIdentification}, DICOM PS3.15 A.5.1: a patient, record, query or
 * resource the event acted on. The DICOM-only {@code ParticipantObjectDescription} (MPPS,
 * accession, SOP class, study) is not modelled: HL7 v2 exchanges have none of these.
 * {@link #toString()} leaves out the identifier, name, query and details: they may be PHI.
 *
 * @param id          {@code ParticipantObjectID}, or null (the schema lets IHE omit it)
 * @param type        {@code ParticipantObjectTypeCode}, or null
 * @param role        {@code ParticipantObjectTypeCodeRole}, or null
 * @param lifeCycle   {@code ParticipantObjectDataLifeCycle}, or null
 * @param idTypeCode  {@code ParticipantObjectIDTypeCode}, required by the schema
 * @param sensitivity {@code ParticipantObjectSensitivity}, or null
 * @param name        {@code ParticipantObjectName}, or null
 * @param query       {@code ParticipantObjectQuery}, or null; the schema allows a name or a query, not both
 * @param details     {@code ParticipantObjectDetail}s
 */
public record ParticipantObjectIdentification(String id, ParticipantObjectType type,
                                              ParticipantObjectRole role, DataLifeCycle lifeCycle,
                                              CodedValue idTypeCode, String sensitivity, String name,
                                              Octets query, List<ParticipantObjectDetail> details) {

    public ParticipantObjectIdentification {
        Checks.optionalText(id, "ParticipantObjectID");
        Objects.requireNonNull(idTypeCode, "ParticipantObjectIDTypeCode");
        Checks.optionalText(sensitivity, "ParticipantObjectSensitivity");
        Checks.optionalText(name, "ParticipantObjectName");
        if (name != null && query != null) {
            // dicom2017c.xsd: <xs:choice> of ParticipantObjectName and ParticipantObjectQuery
            throw new IllegalArgumentException(
                    "ParticipantObjectName and ParticipantObjectQuery are exclusive");
        }
        details = List.copyOf(details);
    }

    /** The first detail of the given type, or null. */
    public ParticipantObjectDetail detail(String type) {
        return details.stream().filter(d -> d.type().equals(type)).findFirst().orElse(null);
    }

    @Override
    public String toString() {
        return "ParticipantObjectIdentification[type=" + type + ", role=" + role
                + ", idTypeCode=" + idTypeCode + ", details=" + details.size() + "]";
    }
}
