package org.ward.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Objects;
import org.ward.pki.Pkcs12Files;
import org.ward.pki.SecretFiles;

/**
 * A PKCS#12 key store and its password, the password read from a separate file (Ward never takes
 * a secret on the command line or in ward.yaml).
 */
public record KeyMaterial(KeyStore keyStore, char[] password) {

    public KeyMaterial {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(password, "password");
    }

    public static KeyMaterial load(Path pkcs12, Path passwordFile) throws IOException, GeneralSecurityException {
        char[] password = SecretFiles.readPassword(passwordFile);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(pkcs12)) {
            store.load(in, password);
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot open key store " + pkcs12 + " with the password in " + passwordFile
                    + ": " + e.getMessage(), e);
        }
        return new KeyMaterial(store, password);
    }

    /** The password file next to a PKCS#12 file, as Ward's PKI writes it: {@code NAME.p12.password}. */
    public static Path passwordFileFor(Path pkcs12) {
        return Pkcs12Files.passwordFileFor(pkcs12);
    }
}
