package org.ward.validation;

import ca.uhn.hl7v2.model.Message;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.ward.hl7.ErrorLocation;
import org.ward.hl7.Hl7Problem;
import org.ward.hl7.Hl7Reader;
import org.ward.hl7.ReadOutcome;

/** Minimal PCD messages for the validation tests, parsed the way Ward parses inbound traffic. */
final class Messages {

    static final String MSH = "MSH|^~\\&|AcmeInc^ACDE48234567ABCD^EUI-64||||20090713090030+0500||ORU^R01^ORU_R01"
            + "|MSGID1234|P|2.6|||NE|AL|||||IHE PCD ORU-R01 2006^HL7^1.3.6.1.4.1.19376.1.6.1.1.1^ISO";
    static final String PID = "PID|||789567^^^Imaginary Hospital^PI||Doe^John^Joseph^^^^L^A|||M";
    static final String OBR = "OBR|1|AB12345^AcmeAHDInc^ACDE48234567ABCD^EUI-64|CD12345^AcmeAHDInc^ACDE48234567ABCD^EUI-64"
            + "|528391^MDC_DEV_SPEC_PROFILE_BP^MDC|||20090813095715+0500";
    static final String OBX = "OBX|1|NM|150021^MDC_PRESS_BLD_NONINV_SYS^MDC|1.0.1.1|120|266016^MDC_DIM_MMHG^MDC"
            + "|||||R|||20090813095715+0500||||0123456789ABCDEF^EUI-64";

    private static final Hl7Reader READER = new Hl7Reader();

    private Messages() {
    }

    /** A conformant PCD-01 message with one numeric observation. */
    static Message valid() {
        return parse(MSH, PID, OBR, OBX);
    }

    /** The valid message with its OBX replaced by {@code obx} segments. */
    static Message withObx(String... obx) {
        String[] segments = new String[3 + obx.length];
        segments[0] = MSH;
        segments[1] = PID;
        segments[2] = OBR;
        System.arraycopy(obx, 0, segments, 3, obx.length);
        return parse(segments);
    }

    /** The valid message with its OBX-{@code field} set to {@code value}. */
    static Message withObxField(int field, String value) {
        return withObx(setField(OBX, field, value));
    }

    static String setField(String segment, int field, String value) {
        String[] fields = segment.split("\\|", -1);
        String[] widened = java.util.Arrays.copyOf(fields, Math.max(fields.length, field + 1));
        for (int i = fields.length; i < widened.length; i++) {
            widened[i] = "";
        }
        // MSH-1 is the separator itself, so MSH-n sits at index n - 1.
        widened[segment.startsWith("MSH") ? field - 1 : field] = value;
        return String.join("|", widened);
    }

    static Message parse(String... segments) {
        return parse(String.join("\r", segments).getBytes(StandardCharsets.UTF_8));
    }

    static Message parse(byte[] payload) {
        ReadOutcome outcome = READER.read(payload, StandardCharsets.UTF_8);
        if (outcome instanceof ReadOutcome.Parsed parsed) {
            return parsed.message();
        }
        throw new IllegalArgumentException("test message does not parse: " + ((ReadOutcome.Unreadable) outcome).problem());
    }

    /** Runs one rule over a message. */
    static List<Hl7Problem> check(PcdRule rule, Message message) {
        List<Hl7Problem> out = new java.util.ArrayList<>();
        rule.check(MessageSegments.of(message), out);
        return out;
    }

    /** "101 E OBX^1^11^1^0" — code, severity and ERR-2, for compact assertions. */
    static String summary(Hl7Problem problem) {
        return problem.code().getCode() + " " + problem.severity().code() + " "
                + problem.location().map(Messages::erl).orElse("-");
    }

    static List<String> summaries(List<Hl7Problem> problems) {
        return problems.stream().map(Messages::summary).collect(Collectors.toList());
    }

    private static String erl(ErrorLocation l) {
        return l.segment() + "^" + l.sequence() + "^" + l.field() + "^" + l.repetition() + "^" + l.component();
    }
}
