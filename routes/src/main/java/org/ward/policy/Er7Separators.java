package org.ward.policy;

/** The delimiters a message declares in MSH-1 and MSH-2 (HL7 v2.6 §2.5.4). */
record Er7Separators(char field, char component, char repetition, char escape, char subcomponent) {

    static Er7Separators of(String header) {
        if (!header.startsWith("MSH") || header.length() < 8) {
            throw new IllegalArgumentException("a message starts with MSH and its separators");
        }
        char field = header.charAt(3);
        return new Er7Separators(field, header.charAt(4), header.charAt(5), header.charAt(6), header.charAt(7));
    }
}
