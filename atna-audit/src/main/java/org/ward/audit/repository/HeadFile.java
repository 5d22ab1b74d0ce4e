package org.ward.audit.repository;

import java.io.IOException;
import java.io.StringReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;

/**
 * The latest checkpoint, also kept outside the database in {@value #FILE} in the repository
 * directory, so that deleting the tail of the chain together with its checkpoint rows (anything one
 * can do with database access alone) is still detected. A small text file, replaced atomically:
 * <pre>
 * seq=1234
 * record-hash=&lt;hex&gt;
 * signed-at=2026-01-01T00:00:00.000001Z
 * key-id=&lt;hex&gt;
 * signature=&lt;base64&gt;
 * </pre>
 */
final class HeadFile {

    static final String FILE = "head";

    private final Path file;

    HeadFile(Path directory) {
        this.file = directory.resolve(FILE);
    }

    void write(Checkpoint checkpoint) throws IOException {
        String text = "seq=" + checkpoint.seq() + "\n"
                + "record-hash=" + HexFormat.of().formatHex(checkpoint.recordHash()) + "\n"
                + "signed-at=" + checkpoint.signedAt() + "\n"
                + "key-id=" + checkpoint.keyId() + "\n"
                + "signature=" + Base64.getEncoder().encodeToString(checkpoint.signature()) + "\n";
        Path temporary = file.resolveSibling("." + FILE + ".new");
        Files.writeString(temporary, text, StandardCharsets.US_ASCII);
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * @return empty if there is no head file (a repository that never wrote a checkpoint)
     * @throws IOException also when the file is there but unreadable as a checkpoint
     */
    Optional<Checkpoint> read() throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(file, StandardCharsets.US_ASCII)));
        try {
            return Optional.of(new Checkpoint(Long.parseLong(required(p, "seq")),
                    HexFormat.of().parseHex(required(p, "record-hash")),
                    Instant.parse(required(p, "signed-at")), required(p, "key-id"),
                    Base64.getDecoder().decode(required(p, "signature"))));
        } catch (RuntimeException e) {
            throw new IOException("head file " + file + " is malformed: " + e.getMessage(), e);
        }
    }

    Path path() {
        return file;
    }

    private String required(Properties p, String key) throws IOException {
        String value = p.getProperty(key);
        if (value == null) {
            throw new IOException("head file " + file + " lacks " + key);
        }
        return value.strip();
    }
}
