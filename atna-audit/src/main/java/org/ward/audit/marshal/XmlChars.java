package org.ward.audit.marshal;

/** XML 1.0 §2.2 {@code Char}: what may appear in a document at all, even escaped. */
final class XmlChars {

    private static final int REPLACEMENT = 0xFFFD;

    private XmlChars() {
    }

    /** {@code text} with every code point outside XML 1.0 {@code Char} replaced by U+FFFD. */
    static String sanitize(String text) {
        int bad = firstInvalid(text);
        if (bad < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length()).append(text, 0, bad);
        text.codePoints().skip(text.codePointCount(0, bad))
                .forEach(cp -> out.appendCodePoint(isXmlChar(cp) ? cp : REPLACEMENT));
        return out.toString();
    }

    private static int firstInvalid(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (!isXmlChar(cp)) {
                return i;
            }
            i += Character.charCount(cp);
        }
        return -1;
    }

    /** #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]; lone surrogates fail. */
    static boolean isXmlChar(int cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD
                || (cp >= 0x20 && cp <= 0xD7FF)
                || (cp >= 0xE000 && cp <= 0xFFFD)
                || (cp >= 0x10000 && cp <= 0x10FFFF);
    }
}
