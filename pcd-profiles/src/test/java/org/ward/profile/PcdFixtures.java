package org.ward.profile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Reads the hand-made PCD messages in {@code src/test/resources/pcd/} (see the README there). */
final class PcdFixtures {

    private PcdFixtures() {}

    /** The fixture exactly as stored: CR-separated segments, ending in CR. */
    static String read(String fileName) {
        try (InputStream in = PcdFixtures.class.getResourceAsStream("/pcd/" + fileName)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource /pcd/" + fileName);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> segments(String message) {
        return Arrays.asList(message.split("\r"));
    }

    static List<String> segmentIds(String message) {
        return segments(message).stream().map(s -> s.substring(0, 3)).toList();
    }
}
