package org.ward.validation;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The few HL7-defined tables Ward checks profile-bound values against. They are closed tables whose
 * v2.6 values are fixed by HL7 and that steer processing (acknowledgement handling, result status).
 *
 * <p>Every other table a profile names is not checked: user-defined tables (0300, 0363, …) have no
 * universal value set, HL7 tables the TF extends (0078 abnormal flags carry the ACM alarm
 * priorities) would give false errors, and a missing table must never turn into an error. HAPI's
 * own code-store lookup is bypassed because it logs each unchecked value, which may be PHI.
 */
final class Hl7Tables {

    private static final Map<String, Set<String>> TABLES = Map.of(
            // HL7 v2.6 table 0008 acknowledgment code (MSA-1).
            "0008", Set.of("AA", "AE", "AR", "CA", "CE", "CR"),
            // HL7 v2.6 table 0085 observation result status (OBX-11).
            "0085", Set.of("C", "D", "F", "I", "N", "O", "P", "R", "S", "U", "W", "X"),
            // HL7 v2.6 table 0103 processing ID (MSH-11.1).
            "0103", Set.of("D", "P", "T"),
            // HL7 v2.6 table 0155 accept/application acknowledgment conditions (MSH-15, MSH-16).
            "0155", Set.of("AL", "ER", "NE", "SU"));

    private Hl7Tables() {
    }

    /** The values of table {@code number} (e.g. {@code 0155}), empty when Ward does not check it. */
    static Optional<Set<String>> values(String number) {
        return Optional.ofNullable(TABLES.get(number));
    }
}
