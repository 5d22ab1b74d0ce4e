package org.ward.audit.model;

import java.util.Objects;

/** Argument checks shared by the model records; messages name the DICOM attribute. */
final class Checks {

    private Checks() {
    }

    /** A required attribute: present and not blank. */
    static String requireText(String value, String attribute) {
        Objects.requireNonNull(value, attribute);
        if (value.isBlank()) {
            throw new IllegalArgumentException(attribute + " must not be blank");
        }
        return value;
    }

    /** An optional attribute: absent (null) or not blank, so that the XML never has {@code Attr=""}. */
    static String optionalText(String value, String attribute) {
        if (value != null && value.isBlank()) {
            throw new IllegalArgumentException(attribute + " must be absent (null) or not blank");
        }
        return value;
    }
}
