package org.ward.validation;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What an OBX-5 value must look like for a given OBX-2 value type (HL7 v2.6 §7.4.2.2, data types in
 * §2.A). Only the types devices send under IHE PCD are checked; for every other type (ED, RP, …)
 * {@link #of(String)} is empty and the value is accepted as is (best effort).
 */
enum ObservationValueFormat {
    /** §2.A.47 NM: optional sign, digits, optional decimal point. */
    NUMERIC(List.of("NM"), components -> components.size() == 1 && isNumber(components.get(0))),
    /** ST, TX, FT: any text. */
    TEXT(List.of("ST", "TX", "FT"), components -> true),
    /** CWE/CE/CNE: coded, so the identifier (component 1) is valued. */
    CODED(List.of("CWE", "CE", "CNE"), components -> !components.get(0).isEmpty()),
    /** §2.A.22 DTM (TS component 1): YYYY[MM[DD[HH[MM[SS[.S…]]]]]][+/-ZZZZ]. */
    DATE_TIME(List.of("DTM", "TS"), components -> Patterns.DTM.matcher(components.get(0)).matches()),
    /** §2.A.21 DT: YYYY[MM[DD]]. */
    DATE(List.of("DT"), components -> components.size() == 1 && Patterns.DT.matcher(components.get(0)).matches()),
    /** §2.A.75 TM: HH[MM[SS[.S…]]][+/-ZZZZ]. */
    TIME(List.of("TM"), components -> components.size() == 1 && Patterns.TM.matcher(components.get(0)).matches()),
    /** §2.A.46 NA: numeric array, each component empty or a number (at least one valued). */
    NUMERIC_ARRAY(List.of("NA"), components -> components.stream().allMatch(c -> c.isEmpty() || isNumber(c))
            && components.stream().anyMatch(c -> !c.isEmpty())),
    /** §2.A.71 SN: comparator ^ number ^ separator/suffix ^ number. */
    STRUCTURED_NUMERIC(List.of("SN"), ObservationValueFormat::isStructuredNumeric);

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");
    private static final Set<String> SN_COMPARATORS = Set.of("", ">", "<", ">=", "<=", "=", "<>");
    private static final Set<String> SN_SEPARATORS = Set.of("", "-", "+", "/", ".", ":");

    private final List<String> valueTypes;
    private final Predicate<List<String>> accepts;

    ObservationValueFormat(List<String> valueTypes, Predicate<List<String>> accepts) {
        this.valueTypes = valueTypes;
        this.accepts = accepts;
    }

    static Optional<ObservationValueFormat> of(String valueType) {
        return Arrays.stream(values()).filter(f -> f.valueTypes.contains(valueType)).findFirst();
    }

    /** Whether one OBX-5 repetition, split into its components, fits this format. */
    boolean accepts(List<String> components) {
        return !components.isEmpty() && accepts.test(components);
    }

    private static boolean isNumber(String value) {
        return NUMBER.matcher(value).matches();
    }

    private static boolean isStructuredNumeric(List<String> c) {
        if (c.size() > 4) {
            return false;
        }
        String comparator = c.get(0);
        String first = c.size() > 1 ? c.get(1) : "";
        String separator = c.size() > 2 ? c.get(2) : "";
        String second = c.size() > 3 ? c.get(3) : "";
        return SN_COMPARATORS.contains(comparator) && SN_SEPARATORS.contains(separator)
                && (first.isEmpty() || isNumber(first)) && (second.isEmpty() || isNumber(second))
                && !(first.isEmpty() && second.isEmpty());
    }

    /** Patterns kept apart so the enum constants can use them in their initialisers. */
    private static final class Patterns {
        static final Pattern DTM =
                Pattern.compile("\\d{4}(\\d{2}(\\d{2}(\\d{2}(\\d{2}(\\d{2}(\\.\\d{1,4})?)?)?)?)?)?([+-]\\d{4})?");
        static final Pattern DT = Pattern.compile("\\d{4}(\\d{2}(\\d{2})?)?");
        static final Pattern TM = Pattern.compile("\\d{2}(\\d{2}(\\d{2}(\\.\\d{1,4})?)?)?([+-]\\d{4})?");
    }
}
