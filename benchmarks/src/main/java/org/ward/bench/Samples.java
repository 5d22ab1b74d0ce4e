package org.ward.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shipped example PCD-01 (config/examples, a public IPF sample), CR-terminated. */
final class Samples {

    private Samples() {
    }

    static byte[] pcd01() {
        Path file = Path.of(System.getProperty("ward.home", "."), "config", "examples", "pcd-01-blood-pressure.hl7");
        try {
            String text = Files.readString(file, StandardCharsets.ISO_8859_1).replace("\r\n", "\r").replace('\n', '\r');
            return text.getBytes(StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("run from the Ward home or set -Dward.home", e);
        }
    }
}
