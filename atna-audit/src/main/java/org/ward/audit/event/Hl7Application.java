package org.ward.audit.event;

import java.util.Objects;

/**
 * An HL7 v2 application and facility as named in MSH-3/MSH-4 (sender) or MSH-5/MSH-6 (receiver).
 * Its audit {@code UserID} is {@code facility|application}, the form the IPF ITI reference records
 * use (e.g. {@code MESA_DEPARTMENT|MESA_PIX_CLIENT} for MSH-3 {@code MESA_PIX_CLIENT}, MSH-4
 * {@code MESA_DEPARTMENT}). Values are the HD fields as sent, components included.
 *
 * @param application MSH-3 or MSH-5
 * @param facility    MSH-4 or MSH-6, empty when the message leaves it empty
 */
public record Hl7Application(String application, String facility) {

    public Hl7Application {
        Objects.requireNonNull(application, "application");
        Objects.requireNonNull(facility, "facility");
        if (application.isEmpty() && facility.isEmpty()) {
            throw new IllegalArgumentException("an HL7 application needs MSH-3/5 or MSH-4/6");
        }
    }

    /** From the fields in MSH order: {@code of(msh3, msh4)} or {@code of(msh5, msh6)}. */
    public static Hl7Application of(String application, String facility) {
        return new Hl7Application(application, facility);
    }

    /** {@code facility|application}, e.g. MSH-4|MSH-3. */
    public String userId() {
        return facility + "|" + application;
    }
}
