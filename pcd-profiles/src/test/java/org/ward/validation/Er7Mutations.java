package org.ward.validation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Systematic mutations of one ER7 message for differential tests: segments dropped, duplicated,
 * swapped, moved, emptied, renamed; fields emptied, overlong, extra components, subcomponents
 * and repetitions, bad table values, escape sequences, trailing separators; MSH-9 variants; Z and
 * unknown segments. Labels name the mutation, never content.
 */
final class Er7Mutations {

    private static final String[] FIELD_VALUES = {
        "", "X".repeat(300), "BAD", "Q", "AL", "^^", "~", "A~B", "A~", "~A", "A^B^C^D^E^F^G^H^I^J^K^L^M^N^O^P^Q^R^S^T^U^V^W^X^Y^Z",
        "A&B", "A&B^C&D&E&F&G&H", "&", "^&^", "\"\"", "A\\F\\B", "A\\E\\B", "A\\X0D\\B", "\\H\\A\\N\\", "12345678901234567890123",
        "CE", "X^^HL70085", " A", "A ", "A\tB", "X^^0085^Y^^HL70155", "AL^^", "Z", "P^Z", "T^T^T", "ORU^R01", " ", "1.2.3", "EUI-64"};

    private static final String[] MSH9 = {"ORU^R01", "ORU^R01^ORU_R01", "ORU^R30^ORU_R30", "ORU^R40^ORU_R01",
        "ORU^R42^ORU_R01", "ACK^R01^ACK", "ORU", "ADT^A01^ADT_A01", "ORU^R01^ORU_R01^X", "ORU^R01^", "ORA^R41^ORA_R41",
        "RGV^O15^RGV_O15", "ORU^R01^ORU_R99", "XYZ^R01", "^R01^ORU_R01", "ORU^^ORU_R01", "ORU^R01^oru_r01"};

    private static final String[] EXTRA_SEGMENTS = {"ZXX|1|2", "NTE|1||note", "NTE", "NTE|", "NTE|||", "PV1|1|I",
        "PV2|1", "SPM|1|x", "ORC|NW", "TQ1|1", "CTD|1", "FT1|1", "PD1|1", "NK1|1", "SFT|x", "DSC|1", "MSH|^~\\&|X",
        "PID|||1^^^H^PI", "OBR|2|||1^X^MDC", "OBX|9|NM|1^MDC_X^MDC|1|2||||||R", "PRT|1", "EVN|1", "OB|1", "obx|1"};

    private Er7Mutations() {
    }

    static Map<String, String> of(String text, boolean fields) {
        List<String> segments = new ArrayList<>(Arrays.asList(text.split("\r")));
        segments.removeIf(String::isEmpty);
        Map<String, String> out = new LinkedHashMap<>();
        int n = segments.size();
        for (int i = 1; i < n; i++) {
            List<String> s = new ArrayList<>(segments);
            s.remove(i);
            out.put("drop " + i, join(s));
            s = new ArrayList<>(segments);
            s.add(i, segments.get(i));
            out.put("duplicate " + i, join(s));
            if (i + 1 < n) {
                s = new ArrayList<>(segments);
                s.set(i, segments.get(i + 1));
                s.set(i + 1, segments.get(i));
                out.put("swap " + i, join(s));
            }
            s = new ArrayList<>(segments);
            s.add(s.remove(i));
            out.put("move-to-end " + i, join(s));
            s = new ArrayList<>(segments);
            s.set(i, segments.get(i).substring(0, Math.min(3, segments.get(i).length())));
            out.put("empty-segment " + i, join(s));
            s = new ArrayList<>(segments);
            s.set(i, segments.get(i) + "|||");
            out.put("trailing-separators " + i, join(s));
        }
        for (int e = 0; e < EXTRA_SEGMENTS.length; e++) {
            for (int at : new int[] {1, 2, 3, n}) {
                if (at > n) {
                    continue;
                }
                List<String> s = new ArrayList<>(segments);
                s.add(at, EXTRA_SEGMENTS[e]);
                out.put("insert " + e + " at " + at, join(s));
            }
        }
        for (int m = 0; m < MSH9.length; m++) {
            out.put("msh9 " + m, join(withField(segments, 0, 9, MSH9[m])));
        }
        out.put("lf-terminated", String.join("\n", segments));
        out.put("trailing-cr", join(segments) + "\r\r");
        out.put("leading-space", join(segments).replace("\rOBX", "\r OBX"));
        if (fields) {
            java.util.Set<String> mutated = new java.util.HashSet<>();
            for (int i = 0; i < n; i++) {
                if (!mutated.add(segments.get(i).substring(0, Math.min(3, segments.get(i).length())))) {
                    continue; // fields are mutated in the first occurrence of each segment ID
                }
                int count = segments.get(i).split("\\|", -1).length + 2;
                for (int f = i == 0 ? 3 : 1; f <= count; f++) {
                    for (int v = 0; v < FIELD_VALUES.length; v++) {
                        out.put("seg " + i + " field " + f + " value " + v,
                                join(withField(segments, i, f, FIELD_VALUES[v])));
                    }
                    String current = field(segments.get(i), i == 0, f);
                    out.put("seg " + i + " field " + f + " +component", join(withField(segments, i, f, current + "^EXTRA")));
                    out.put("seg " + i + " field " + f + " +repetition", join(withField(segments, i, f, current + "~" + current)));
                    out.put("seg " + i + " field " + f + " +subcomponent", join(withField(segments, i, f, current + "&S")));
                    out.put("seg " + i + " field " + f + " trailing", join(withField(segments, i, f, current + "^^&")));
                    out.put("seg " + i + " field " + f + " comp2-sub", join(withField(segments, i, f,
                            current.replaceFirst("\\^", "^S&T&U&V&W&X&Y^"))));
                }
            }
        }
        return out;
    }

    private static String field(String segment, boolean header, int field) {
        String[] parts = segment.split("\\|", -1);
        int index = header ? field - 1 : field;
        return index < parts.length ? parts[index] : "";
    }

    private static List<String> withField(List<String> segments, int index, int field, String value) {
        List<String> s = new ArrayList<>(segments);
        s.set(index, Messages.setField(segments.get(index), field, value));
        return s;
    }

    private static String join(List<String> segments) {
        return String.join("\r", segments);
    }
}
