package org.ward.hl7;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.Version;
import ca.uhn.hl7v2.model.Type;
import ca.uhn.hl7v2.parser.ModelClassFactory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Decides, without parsing, that HAPI's {@code PipeParser} would parse a message, by the checks it
 * would fail on: {@code EncodingDetector} (every segment's fourth character is the field
 * separator; MSH-12 present), {@code getVersion} (MSH-12.1 a version HAPI knows), the message
 * structure from MSH-9, the segment placement, and {@code FixFieldDataType.fixOBX5} (OBX-2 names a
 * data type, or OBX-5 is empty). "No" only means "ask HAPI": a message may still parse. Thread-safe.
 */
final class Er7Parseability {

    /** OBX-2 values worth looking up: HL7 data type codes. Others go to HAPI (and the cache stays small). */
    private static final Pattern TYPE_CODE = Pattern.compile("[A-Z][A-Z0-9]{1,2}");

    /** HAPI options that change how OBX-5 is typed; Ward sets none, but the JVM might. */
    private static final List<String> OBX5_PROPERTIES = List.of("ca.uhn.hl7v2.model.varies.default_obx2_type",
            "ca.uhn.hl7v2.model.varies.invalid_obx2_type",
            "ca.uhn.hl7v2.model.varies.escape_subcomponent_delim_in_primitive");

    private final Er7Structures structures;
    private final ModelClassFactory factory;
    private static final int MAX_CACHED = 256;

    private final Map<String, Boolean> knownTypes = new ConcurrentHashMap<>();

    Er7Parseability(Er7Structures structures) {
        this.structures = structures;
        this.factory = structures.factory();
    }

    /** The message placed into its HAPI structure when HAPI would parse it; empty: ask HAPI. */
    Optional<GroupInstance> placedIfHapiWouldParse(Er7Message message) {
        if (!encodedAsEr7(message) || !knownVersion(message)) {
            return Optional.empty();
        }
        return structures.place(message).filter(placed -> obx5Typed(placed, message.delimiters()));
    }

    /** {@code EncodingDetector.assertEr7Encoded}. */
    private static boolean encodedAsEr7(Er7Message message) {
        char separator = message.delimiters().field();
        int separators = 0;
        String text = message.text();
        for (int i = 0; i < text.length() && separators < 11; i++) {
            if (text.charAt(i) == separator) {
                separators++;
            }
        }
        if (separators < 11) {
            return false;
        }
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\r', start);
            if (end < 0) {
                end = text.length();
            }
            // Segments with leading white space are not read here (see Er7Structures): no stripping needed.
            if (end - start >= 4 && text.charAt(start + 3) != separator) {
                return false;
            }
            start = end + 1;
        }
        return true;
    }

    /** {@code PipeParser.getVersion} and {@code Parser.assertVersionExists}. */
    private static boolean knownVersion(Er7Message message) {
        Er7Segment msh = message.header();
        if (msh.fieldCount() < 12) {
            return false;
        }
        String version = Er7.part(msh.field(12), message.delimiters().component(), 1);
        return !version.isEmpty() && Version.supportsVersion(version);
    }

    /**
     * {@code FixFieldDataType.fixOBX5}, run on every segment HAPI holds as OBX: OBX-5 needs a type
     * from OBX-2 whenever it has a value.
     */
    private boolean obx5Typed(GroupInstance group, Er7Delimiters delimiters) {
        for (int position = 0; position < group.node().children().size(); position++) {
            for (Object rep : group.repetitions(position)) {
                if (rep instanceof GroupInstance child) {
                    if (!obx5Typed(child, delimiters)) {
                        return false;
                    }
                } else if (((SegmentInstance) rep).node().name().contains("OBX")
                        && !obx5Typed(((SegmentInstance) rep).segment(), delimiters)) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean obx5Typed(Er7Segment obx, Er7Delimiters delimiters) {
        for (String property : OBX5_PROPERTIES) {
            if (System.getProperty(property) != null) {
                return false;
            }
        }
        String type = obx.component(2, 1, 1);
        if (type.isEmpty()) {
            return obx.field(5).isEmpty();
        }
        if (!TYPE_CODE.matcher(type).matches()) {
            return false;
        }
        Boolean known = knownTypes.get(type);
        if (known == null) {
            known = isType(type);
            // OBX-2 comes from the wire: remember a bounded number of answers.
            if (knownTypes.size() < MAX_CACHED) {
                knownTypes.putIfAbsent(type, known);
            }
        }
        return known;
    }

    private boolean isType(String code) {
        try {
            Class<? extends Type> type = factory.getTypeClass(code, "2.6");
            return type != null;
        } catch (HL7Exception | RuntimeException e) {
            return false;
        }
    }
}
