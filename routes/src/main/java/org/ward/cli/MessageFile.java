package org.ward.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads HL7 v2 messages from a file as people keep them: CR, LF or CRLF line endings, several
 * messages one after another (each starting with MSH), blank lines ignored. Returns each message
 * with CR segment terminators (HL7 v2.6 §2.5.1), one char per byte of the file.
 */
final class MessageFile {

    private MessageFile() {
    }

    static List<String> read(Path file) throws IOException {
        // Byte-preserving: the message's own MSH-18 charset (UTF-8, 8859/n, ...) is kept as is.
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        List<String> messages = new ArrayList<>();
        StringBuilder current = null;
        for (String segment : text.split("\r\n|\r|\n")) {
            if (segment.isBlank()) {
                continue;
            }
            if (segment.startsWith("MSH")) {
                if (current != null) {
                    messages.add(current.toString());
                }
                current = new StringBuilder();
            } else if (current == null) {
                throw new IOException(file + ": the first segment is not MSH");
            }
            current.append(segment).append('\r');
        }
        if (current == null) {
            throw new IOException(file + ": no HL7 message in the file");
        }
        messages.add(current.toString());
        return messages;
    }
}
