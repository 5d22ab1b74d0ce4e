package org.ward.policy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private static final Set<String> OBSERVATION_HEADS = Set.of("OBR", "ORC", "SPM", "PID", "MSH");
    private static final Set<String> PATIENT_HEADS = Set.of("PID", "MSH");

    private SetIds() {
    }

    static void renumber(List<Er7Segment> segments, Set<String> names) {
        Map<String, Integer> counters = new HashMap<>();
        for (Er7Segment segment : segments) {
            String name = segment.name();
            counters.replaceAll((counted, n) -> restarts(counted, name) ? 0 : n);
            if (!names.contains(name) || !SEGMENTS.contains(name)) {
                continue;
            }
            int next = counters.merge(name, 1, Integer::sum);
            String current = segment.field(1);
            if (current.matches("\\d{1,9}") && Integer.parseInt(current) != next) {
                segment.setField(1, Integer.toString(next));
            }
        }
    }

    private static boolean restarts(String counted, String seen) {
        if (counted.equals(seen)) {
            return false;
        }
        return switch (counted) {
            case "NTE" -> true;
            case "OBX", "TQ1" -> OBSERVATION_HEADS.contains(seen);
            default -> PATIENT_HEADS.contains(seen);
        };
    }
}
