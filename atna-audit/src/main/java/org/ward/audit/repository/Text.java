package org.ward.audit.repository;

/**
 * Makes strings taken from hostile input fit their columns. A value too long or holding NUL (which
 * PostgreSQL text refuses) would fail the whole batch insert and lose the records around it, so it
 * is clipped and cleaned here; the raw record always keeps the original bytes.
 */
final class Text {

    static final int MAX_INDEX_CHARS = 1024;
    static final int MAX_SOURCE_CHARS = 1024;
    static final int MAX_PROBLEM_CHARS = 1024;
    static final int MAX_CODE_CHARS = 64;

    private Text() {
    }

    static String clip(String value, int maxChars) {
        if (value == null) {
            return null;
        }
        String clean = value.indexOf('\0') >= 0 ? value.replace('\0', '\uFFFD') : value;
        if (clean.length() <= maxChars) {
            return clean;
        }
        int end = maxChars;
        if (Character.isHighSurrogate(clean.charAt(end - 1))) {
            end--; // never split a surrogate pair
        }
        return clean.substring(0, end);
    }
}
