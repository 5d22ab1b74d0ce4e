package org.ward.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Test messages derived from the shipped example PCD-01 (a public IPF sample, see
 * config/examples/PROVENANCE.md): a valid IHE PCD-01 with MSH-15/16 = NE/AL and the PCD-01 profile
 * OID in MSH-21, changed one MSH field at a time.
 */
public final class Pcd01Samples {

    private Pcd01Samples() {
    }

    /** The example with CR segment separators. */
    public static String bloodPressure() {
        Path file = Path.of(System.getProperty("ward.project.root"), "config", "examples", "pcd-01-blood-pressure.hl7");
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1).replace("\r\n", "\r").replace('\n', '\r');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code message} with MSH-{@code field} set to {@code value} (raw, in the message's encoding). */
    public static String withMsh(String message, int field, String value) {
        int end = message.indexOf('\r');
        String[] fields = message.substring(0, end).split("\\|", -1);
        // fields[0] = "MSH", fields[n-1] = MSH-n for n >= 2 (MSH-1 is the separator itself).
        String[] padded = Arrays.copyOf(fields, Math.max(fields.length, field));
        Arrays.setAll(padded, i -> padded[i] == null ? "" : padded[i]);
        padded[field - 1] = value;
        return String.join("|", padded) + message.substring(end);
    }

    public static String withControlId(String message, String controlId) {
        return withMsh(message, 10, controlId);
    }
}
