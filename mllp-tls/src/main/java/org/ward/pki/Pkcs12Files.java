package org.ward.pki;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A credential as a PKCS#12 file plus a sibling {@code <file>.password} holding its generated
 * password, encoded as {@link Pkcs12Encoding} describes: PBES2/AES-256 for the key and an
 * HMAC-SHA256 MAC, which the JDK's key store and OpenSSL 3 (without its legacy provider) read.
 */
public final class Pkcs12Files {

    public static final String PASSWORD_SUFFIX = ".password";

    private Pkcs12Files() {
    }

    /** {@code server.p12} → {@code server.p12.password}, in the same directory. */
    public static Path passwordFileFor(Path p12) {
        return p12.resolveSibling(p12.getFileName() + PASSWORD_SUFFIX);
    }

    /**
     * Writes the credential to a new mode-0600 {@code p12} under {@code alias}, protected by a fresh
     * random password written to {@link #passwordFileFor(Path)}.
     */
    public static void write(Path p12, String alias, Credential credential, SecureRandom random) throws IOException {
        char[] password = SecretFiles.newPassword(random);
        try {
            byte[] bytes = Pkcs12Encoding.encode(alias, credential, password);
            SecretFiles.writePassword(passwordFileFor(p12), password);
            SecretFiles.writeSecret(p12, bytes);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** Loads the one private key and its chain from {@code p12}, with the password in {@code passwordFile}. */
    public static Credential load(Path p12, Path passwordFile) throws IOException {
        char[] password = SecretFiles.readPassword(passwordFile);
        try (InputStream in = Files.newInputStream(p12)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            List<String> keyAliases = Collections.list(store.aliases()).stream()
                    .filter(alias -> isKeyEntry(store, alias))
                    .toList();
            if (keyAliases.size() != 1) {
                throw new PkiException(p12 + " holds " + keyAliases.size() + " private keys; expected exactly one");
            }
            String alias = keyAliases.get(0);
            PrivateKey key = (PrivateKey) store.getKey(alias, password);
            Certificate[] chain = store.getCertificateChain(alias);
            return new Credential(key, Arrays.stream(chain).map(X509Certificate.class::cast).toList());
        } catch (GeneralSecurityException e) {
            throw new PkiException("Cannot read PKCS#12 " + p12, e);
        } catch (IOException e) {
            // KeyStore.load reports a wrong password as an IOException; name the file it concerns.
            throw new IOException("Cannot read PKCS#12 " + p12 + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** Loads {@code p12} with its sibling password file. */
    public static Credential load(Path p12) throws IOException {
        return load(p12, passwordFileFor(p12));
    }

    private static boolean isKeyEntry(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            throw new PkiException("Cannot inspect key store entry " + alias, e);
        }
    }
}
