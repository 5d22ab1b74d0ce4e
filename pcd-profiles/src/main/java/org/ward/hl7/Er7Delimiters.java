package org.ward.hl7;

/**
 * The separators a message declares in MSH-1 and MSH-2 (HL7 v2.6 §2.5.4).
 *
 * @param field        MSH-1, normally {@code |}
 * @param component    MSH-2 character 1, normally {@code ^}
 * @param repetition   MSH-2 character 2, normally {@code ~}
 * @param escape       MSH-2 character 3, normally {@code \}
 * @param subcomponent MSH-2 character 4, normally {@code &}
 */
public record Er7Delimiters(char field, char component, char repetition, char escape, char subcomponent) {

    /** The HL7 defaults {@code |^~\&}, which HAPI's profile validator assumes when it encodes. */
    public static final Er7Delimiters DEFAULT = new Er7Delimiters('|', '^', '~', '\\', '&');

    public Er7Delimiters {
        String all = "" + field + component + repetition + escape + subcomponent;
        if (all.chars().distinct().count() != 5) {
            throw new IllegalArgumentException("HL7 delimiters must be five different characters");
        }
    }
}
