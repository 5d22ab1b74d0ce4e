package org.ward.audit.model;

import java.util.Objects;

/**
 * {@code ParticipantObjectDetail}, DICOM PS3.15 A.5.1 ({@code ValuePair}): a typed value,
 * written base64 because the schema types it {@code xs:base64Binary} so that any bytes,
 * including XML fragments and NULs, survive unchanged.
 *
 * @param type  {@code type}, e.g. {@code "MSH-10"}
 * @param value {@code value}
 */
public record ParticipantObjectDetail(String type, Octets value) {

    public ParticipantObjectDetail {
        Checks.requireText(type, "ParticipantObjectDetail type");
        Objects.requireNonNull(value, "ParticipantObjectDetail value");
    }

    /** A detail whose value is the UTF-8 encoding of {@code text}. */
    public static ParticipantObjectDetail text(String type, String text) {
        return new ParticipantObjectDetail(type, Octets.utf8(text));
    }
}
