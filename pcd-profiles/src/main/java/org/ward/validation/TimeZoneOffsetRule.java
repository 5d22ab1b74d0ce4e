package org.ward.validation;

import ca.uhn.hl7v2.ErrorCode;
import java.util.List;
import java.util.regex.Pattern;
import org.ward.hl7.ErrorLocation;
import org.ward.hl7.Hl7Problem;

/**
 * IHE PCD TF-2 Appendix B: device timestamps must carry their UTC offset, because the receiver
 * cannot know the device's local time zone. MSH-7 (B.1; Gazelle assertion PCD-Vol2-011, a SHALL),
 * OBR-7 and OBR-8 (B.4 OBR), OBX-14 (B.8 OBX) when valued must be a DTM
 * {@code YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]]} followed by {@code +hhmm} or {@code -hhmm}
 * (HL7 v2.6 §2.A.22). Otherwise → 102 at that field, ERROR.
 */
final class TimeZoneOffsetRule implements PcdRule {

    private static final Pattern DTM_WITH_OFFSET =
            Pattern.compile("\\d{4}(\\d{2}(\\d{2}(\\d{2}(\\d{2}(\\d{2}(\\.\\d{1,4})?)?)?)?)?)?[+-]\\d{4}");

    private record Timestamp(String segment, int field) {
    }

    private static final List<Timestamp> TIMESTAMPS = List.of(
            new Timestamp("MSH", 7),
            new Timestamp("OBR", 7),
            new Timestamp("OBR", 8),
            new Timestamp("OBX", 14));

    @Override
    public void check(MessageView message, List<Hl7Problem> out) {
        for (SegmentView entry : message.all()) {
            for (Timestamp timestamp : TIMESTAMPS) {
                if (timestamp.segment().equals(entry.name())) {
                    check(entry, timestamp.field(), out);
                }
            }
        }
    }

    private static void check(SegmentView entry, int field, List<Hl7Problem> out) {
        String value = entry.component(field, 1, 1);
        if (!value.isEmpty() && !DTM_WITH_OFFSET.matcher(value).matches()) {
            out.add(Hl7Problem.error(ErrorCode.DATA_TYPE_ERROR,
                    ErrorLocation.field(entry.name(), entry.sequence(), field),
                    entry.name() + "-" + field + " must be a date/time with a +hhmm/-hhmm time zone offset"
                            + " (IHE PCD TF-2 Appendix B)"));
        }
    }
}
