package org.ward.store;

import java.util.Objects;

/**
 * Checks a text field against its column width. Errors name the field and the limit, never the value,
 * which may be message content.
 */
final class Fields {

    private Fields() {
    }

    static String required(String value, String field, int maxLength) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " is blank");
        }
        return optional(value, field, maxLength);
    }

    static String optional(String value, String field, int maxLength) {
        if (value != null && value.length() > maxLength) {
            throw new IllegalArgumentException(field + " exceeds " + maxLength + " characters");
        }
        return value;
    }
}
