package org.ward.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.ward.pki.DevelopmentPkiFiles;
import org.ward.pki.Pkcs12Files;
import org.ward.tls.PeerIdentity;

/**
 * The shipped example PCD-01 made sendable by the development device: with
 * {@code bind-device-identity} on, a message must name the EUI-64 its sender's certificate
 * carries, and the development PKI gives its device a random one. The copy (under the data
 * directory) names that EUI-64 in MSH-3 and OBX-18; the shipped file stays as published.
 */
final class DevelopmentExample {

    private DevelopmentExample() {
    }

    static Path write(Path home, Path dataDir, DevelopmentPkiFiles pki) throws IOException {
        String eui64 = PeerIdentity.of(Pkcs12Files.load(pki.deviceP12(), pki.devicePassword()).certificate())
                .deviceEui64()
                .orElseThrow(() -> new IOException("the development device certificate carries no EUI-64"))
                .toUpperCase(Locale.ROOT);
        String example = Files.readString(home.resolve(RunCommand.EXAMPLE_MESSAGE), StandardCharsets.ISO_8859_1);
        String adapted = example.replaceAll("[0-9A-Fa-f]{16}\\^EUI-64", eui64 + "^EUI-64");
        Path target = dataDir.resolve("examples").resolve(Path.of(RunCommand.EXAMPLE_MESSAGE).getFileName());
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempFile(target.getParent(), ".example", ".tmp");
        Files.writeString(temporary, adapted, StandardCharsets.ISO_8859_1);
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }
}
