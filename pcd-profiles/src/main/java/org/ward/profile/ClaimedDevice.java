package org.ward.profile;

import java.util.Objects;
import org.ward.hl7.ErrorLocation;

/**
 * A device EUI-64 that a message names as its source, and where.
 *
 * @param eui64 16 lower-case hex digits
 * @param where the field (component) that names it, for the ERR segment
 */
public record ClaimedDevice(String eui64, ErrorLocation where) {

    public ClaimedDevice {
        Objects.requireNonNull(eui64, "eui64");
        Objects.requireNonNull(where, "where");
    }
}
