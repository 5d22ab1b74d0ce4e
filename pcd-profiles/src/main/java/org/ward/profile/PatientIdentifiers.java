package org.ward.profile;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.ward.hl7.Er7;
import org.ward.hl7.MessageHeader;

/**
 * The patients a message is about, for the audit trail (ITI-20: one Import record per patient):
 * the first repetition of PID-3 of each PID segment, as sent, without duplicates.
 */
public final class PatientIdentifiers {

    private PatientIdentifiers() {
    }

    /** @param text the message with CR segment terminators */
    public static List<String> in(String text) {
        MessageHeader header = MessageHeader.read(text).orElseThrow(() -> new IllegalArgumentException("not an HL7 message"));
        char fields = header.fieldSeparator();
        char repetition = header.repetitionSeparator();
        Set<String> patients = new LinkedHashSet<>();
        for (String pid3 : Er7.fieldOfEach(text, "PID", fields, 3)) {
            if (!pid3.isEmpty()) {
                int end = pid3.indexOf(repetition);
                patients.add(end < 0 ? pid3 : pid3.substring(0, end));
            }
        }
        return new ArrayList<>(patients);
    }
}
