package org.ward.audit.repository;

/**
 * Patient identifiers as audit records carry them: an HL7 v2 CX ({@code ID^^^NAME&OID&ISO}) or a
 * bare ID. The repository indexes both the whole CX and its ID, so a search by the ID alone finds
 * records written with the full CX.
 */
final class PatientIdentifier {

    private PatientIdentifier() {
    }

    /** The CX's first component, or the text itself when it has none. */
    static String id(String cx) {
        int caret = cx.indexOf('^');
        return caret < 0 ? cx : cx.substring(0, caret);
    }

    /**
     * Whether the CX {@code stored} is the {@code system|value} of a FHIR token: same ID, and the system
     * (an OID, with or without {@code urn:oid:}, or a namespace name) is one of the CX-4 subcomponents.
     */
    static boolean matches(String stored, String token) {
        int bar = token.indexOf('|');
        String system = token.substring(0, bar);
        String value = token.substring(bar + 1);
        if (!id(stored).equals(value)) {
            return false;
        }
        String wanted = system.startsWith("urn:oid:") ? system.substring("urn:oid:".length()) : system;
        String[] components = stored.split("\\^", -1);
        if (components.length < 4) {
            return false;
        }
        for (String part : components[3].split("&", -1)) {
            if (part.equals(wanted)) {
                return true;
            }
        }
        return false;
    }
}
