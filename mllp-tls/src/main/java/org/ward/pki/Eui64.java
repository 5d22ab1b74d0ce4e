package org.ward.pki;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An IEEE EUI-64 device identifier in canonical form: 16 lower-case hex digits, no separators.
 * Certificates carry it as the subject serialNumber and as a subjectAltName URI (RFC 9039).
 */
public record Eui64(String hex) {

    private static final Pattern CANONICAL = Pattern.compile("[0-9a-f]{16}");
    private static final Pattern SEPARATED =
            Pattern.compile("\\p{XDigit}{2}([:-])\\p{XDigit}{2}(?:\\1\\p{XDigit}{2}){6}");
    private static final Pattern PLAIN = Pattern.compile("\\p{XDigit}{16}");

    public Eui64 {
        Objects.requireNonNull(hex, "hex");
        if (!CANONICAL.matcher(hex).matches()) {
            throw new IllegalArgumentException(
                    "EUI-64 must be 16 lower-case hex digits, got \"" + hex + "\"");
        }
    }

    /**
     * Parses the forms people write: {@code 0123456789ABCDEF}, {@code 01:23:45:67:89:ab:cd:ef} or
     * {@code 01-23-45-67-89-AB-CD-EF} (one separator kind throughout).
     */
    public static Eui64 parse(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.strip();
        String digits;
        if (PLAIN.matcher(trimmed).matches()) {
            digits = trimmed;
        } else if (SEPARATED.matcher(trimmed).matches()) {
            digits = trimmed.replace(":", "").replace("-", "");
        } else {
            throw new IllegalArgumentException("Not an EUI-64 (expected 16 hex digits, optionally"
                    + " separated by ':' or '-'): \"" + text + "\"");
        }
        return new Eui64(digits.toLowerCase(Locale.ROOT));
    }

    /**
     * A random identifier for development devices. IEEE Std 802: setting the U/L bit marks it
     * locally administered and clearing the I/G bit makes it individual, so it cannot collide with
     * a manufacturer-assigned EUI-64.
     */
    public static Eui64 random(SecureRandom random) {
        byte[] octets = new byte[8];
        random.nextBytes(octets);
        octets[0] = (byte) ((octets[0] & ~0x01) | 0x02);
        return new Eui64(HexFormat.of().formatHex(octets));
    }

    /** RFC 9039 §3.1 "mac" device URN: {@code urn:dev:mac:} followed by the 16 hex digits. */
    public String urn() {
        return "urn:dev:mac:" + hex;
    }
}
