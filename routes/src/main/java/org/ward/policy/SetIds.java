package org.ward.policy;

import java.util.Set;

/**
 * Renumbers set IDs (field 1) after segments were dropped, so the remaining OBX segments still count
 * 1, 2, 3… (HL7 v2.6 §2.A.69 SI: "the sequence number of this segment in its group"). A counter
 * restarts where the segment's group does: NTE after any other segment, OBX after its OBR/ORC,
 * the rest per patient.
 */
final class SetIds {

    static final Set<String> SEGMENTS = Set.of("OBR", "OBX", "NTE", "PID", "PV1", "NK1", "AL1", "DG1", "PR1", "GT1",
            "IN1", "TQ1", "SPM", "FT1", "DB1");
    private static final int NTE = Er7Message.code("NTE");
    private static final int OBX = Er7Message.code("OBX");
    private static final int TQ1 = Er7Message.code("TQ1");
    private static final Set<Integer> OBSERVATION_HEADS = Set.of(Er7Message.code("OBR"), Er7Message.code("ORC"),
            Er7Message.code("SPM"), Er7Message.code("PID"), Er7Message.code("MSH"));
    private static final Set<Integer> PATIENT_HEADS = Set.of(Er7Message.code("PID"), Er7Message.code("MSH"));

    private SetIds() {
    }

    /** @param names the segment names (as {@link Er7Message#code}) whose set IDs to renumber */
    static void renumber(Er7Message message, boolean[] dropped, Set<Integer> names) {
        int[] counted = names.stream().mapToInt(Integer::intValue).toArray();
        int[] next = new int[counted.length];
        for (int i = 0; i < message.count(); i++) {
            if (dropped[i]) {
                continue;
            }
            int name = message.nameCode(i);
            for (int k = 0; k < counted.length; k++) {
                if (counted[k] == name) {
                    renumber(message.segment(i), ++next[k]);
                } else if (restarts(counted[k], name)) {
                    next[k] = 0;
                }
            }
        }
    }

    private static void renumber(Er7Segment segment, int number) {
        if (!SEGMENTS.contains(segment.name())) {
            return;
        }
        String current = segment.field(1);
        if (isNumber(current) && Integer.parseInt(current) != number) {
            segment.setField(1, Integer.toString(number));
        }
    }

    private static boolean isNumber(String value) {
        if (value.isEmpty() || value.length() > 9) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean restarts(int counted, int seen) {
        if (counted == NTE) {
            return true;
        }
        if (counted == OBX || counted == TQ1) {
            return OBSERVATION_HEADS.contains(seen);
        }
        return PATIENT_HEADS.contains(seen);
    }
}
