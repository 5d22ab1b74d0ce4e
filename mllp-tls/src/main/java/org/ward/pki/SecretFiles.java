package org.ward.pki;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Private directories (0700), secret files (0600) and the generated passwords kept in them.
 * Passwords are handled as {@code char[]} and wiped after use; nothing here logs a secret.
 */
public final class SecretFiles {

    /** 256 bits of entropy; base64url makes it a 43-character line safe in any shell or file. */
    public static final int PASSWORD_BYTES = 32;

    private static final Logger LOG = LoggerFactory.getLogger(SecretFiles.class);

    private SecretFiles() {
    }

    /** Creates {@code directory} (its parent must exist) with mode 0700. */
    public static Path createPrivateDirectory(Path directory) throws IOException {
        NewFiles.requirePosix(directory.toAbsolutePath().getParent());
        return Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(NewFiles.OWNER_ONLY_DIRECTORY));
    }

    /** Creates a fresh mode-0700 directory in {@code parent}, named {@code prefix} plus random characters. */
    public static Path createPrivateTempDirectory(Path parent, String prefix) throws IOException {
        NewFiles.requirePosix(parent);
        return Files.createTempDirectory(parent, prefix,
                PosixFilePermissions.asFileAttribute(NewFiles.OWNER_ONLY_DIRECTORY));
    }

    /** Writes a new mode-0600 file; refuses to overwrite. */
    public static void writeSecret(Path file, byte[] content) throws IOException {
        NewFiles.write(file, content, NewFiles.OWNER_ONLY_FILE);
    }

    public static char[] newPassword(SecureRandom random) {
        byte[] bytes = new byte[PASSWORD_BYTES];
        random.nextBytes(bytes);
        byte[] encoded = Base64.getUrlEncoder().withoutPadding().encode(bytes);
        char[] password = new char[encoded.length];
        for (int i = 0; i < encoded.length; i++) {
            password[i] = (char) encoded[i];
        }
        Arrays.fill(bytes, (byte) 0);
        Arrays.fill(encoded, (byte) 0);
        return password;
    }

    /**
     * Writes the password as one line, which is what {@code openssl ... -passin file:PATH} reads.
     */
    public static void writePassword(Path file, char[] password) throws IOException {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] line = new byte[encoded.remaining() + 1];
        encoded.get(line, 0, line.length - 1);
        line[line.length - 1] = '\n';
        try {
            writeSecret(file, line);
        } finally {
            Arrays.fill(line, (byte) 0);
            if (encoded.hasArray()) {
                Arrays.fill(encoded.array(), (byte) 0);
            }
        }
    }

    /** Reads a password file: its first line, without the line terminator. */
    public static char[] readPassword(Path file) throws IOException {
        warnIfShared(file);
        byte[] bytes = Files.readAllBytes(file);
        try {
            int end = 0;
            while (end < bytes.length && bytes[end] != '\n' && bytes[end] != '\r') {
                end++;
            }
            if (end == 0) {
                throw new PkiException("Password file " + file + " is empty");
            }
            CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes, 0, end));
            char[] password = new char[chars.remaining()];
            chars.get(password);
            if (chars.hasArray()) {
                Arrays.fill(chars.array(), '\0');
            }
            return password;
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static void warnIfShared(Path file) throws IOException {
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
        if (!NewFiles.OWNER_ONLY_FILE.containsAll(mode)) {
            LOG.warn("Password file {} has mode {}; expected rw------- (0600)", file,
                    PosixFilePermissions.toString(mode));
        }
    }
}
