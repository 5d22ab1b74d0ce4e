package org.ward.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** MSA-1, MSA-2 and the ERR segments of an acknowledgement, as {@code ward send} prints them. */
record AckSummary(String code, String controlId, List<String> errors) {

    static AckSummary of(String ack) {
        if (ack.length() < 4 || !ack.startsWith("MSH")) {
            return new AckSummary("?", "", List.of("reply is not an HL7 message"));
        }
        String fieldSeparator = Pattern.quote(String.valueOf(ack.charAt(3)));
        String code = "?";
        String controlId = "";
        List<String> errors = new ArrayList<>();
        for (String segment : ack.split("\r")) {
            String[] fields = segment.split(fieldSeparator, -1);
            if (fields[0].equals("MSA")) {
                code = fields.length > 1 ? fields[1] : "";
                controlId = fields.length > 2 ? fields[2] : "";
            } else if (fields[0].equals("ERR")) {
                String location = fields.length > 2 ? fields[2] : "";
                String error = fields.length > 3 ? fields[3] : "";
                String severity = fields.length > 4 ? fields[4] : "";
                String message = fields.length > 8 ? fields[8] : "";
                errors.add(severity + " " + error + (location.isEmpty() ? "" : " at " + location)
                        + (message.isEmpty() ? "" : ": " + message));
            }
        }
        return new AckSummary(code, controlId, errors);
    }

    /** AA or CA: the receiver took responsibility for the message. */
    boolean isPositive() {
        return code.equals("AA") || code.equals("CA");
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(code).append(' ').append(controlId);
        for (String error : errors) {
            text.append(System.lineSeparator()).append("  ERR ").append(error);
        }
        return text.toString();
    }
}
