package org.ward.profile;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The allow-list of MSH-21.3 profile OIDs that identify each PCD transaction. Configuration, not
 * code, because identifiers seen in the field disagree: ACM (PCD-04/05) appears both as
 * {@code 1.3.6.1.4.1.19376.1.6.4.4} and {@code 1.3.6.1.4.1.19376.1.6.1.4.1}.
 */
public record ProfileIdentifiers(Map<PcdTransaction, Set<String>> oids) {

    /**
     * IHE PCD TF-2 Rev 9.0 Appendix B.1 (MSH-21) and §M.1.1 values. ACM (PCD-04/05) is spelt three
     * ways in the TF and in the field: the B.1 table's {@code …1.6.1.4.1}, the B.1 and E.3 examples'
     * {@code …1.6.4.4.1}, and {@code …1.6.4.4} as public implementations send it; all are accepted.
     */
    public static final Map<PcdTransaction, List<String>> DEFAULTS = Map.of(
            PcdTransaction.PCD_01, List.of("1.3.6.1.4.1.19376.1.6.1.1.1"),
            PcdTransaction.PCD_03, List.of("1.3.6.1.4.1.19376.1.6.1.3.1"),
            PcdTransaction.PCD_04, List.of("1.3.6.1.4.1.19376.1.6.1.4.1", "1.3.6.1.4.1.19376.1.6.4.4.1",
                    "1.3.6.1.4.1.19376.1.6.4.4"),
            PcdTransaction.PCD_05, List.of("1.3.6.1.4.1.19376.1.6.1.5.1", "1.3.6.1.4.1.19376.1.6.1.4.1",
                    "1.3.6.1.4.1.19376.1.6.4.4.1", "1.3.6.1.4.1.19376.1.6.4.4"),
            PcdTransaction.PCD_10, List.of("1.3.6.1.4.1.19376.1.6.4.10"));

    public ProfileIdentifiers {
        EnumMap<PcdTransaction, Set<String>> copy = new EnumMap<>(PcdTransaction.class);
        oids.forEach((transaction, list) -> copy.put(transaction, Set.copyOf(list)));
        oids = Map.copyOf(copy);
    }

    public static ProfileIdentifiers defaults() {
        EnumMap<PcdTransaction, Set<String>> map = new EnumMap<>(PcdTransaction.class);
        DEFAULTS.forEach((transaction, list) -> map.put(transaction, Set.copyOf(list)));
        return new ProfileIdentifiers(map);
    }

    public boolean identifies(PcdTransaction transaction, String oid) {
        return oids.getOrDefault(transaction, Set.of()).contains(oid);
    }
}
