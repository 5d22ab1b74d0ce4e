package org.ward.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

/**
 * The journal's payload key: a SecretKeyEntry in the PKCS#12 keystore {@code journal-key.p12}, whose
 * password is in {@code journal-key.p12.password} (both 0600). Generated on first run; a later run
 * with only one of the two files refuses to start rather than make a key that cannot read old rows.
 */
final class JournalKeyStore {

    static final String KEYSTORE = "journal-key.p12";
    static final String PASSWORD = "journal-key.p12.password";

    private final Path directory;
    private final SecureRandom random;

    JournalKeyStore(Path directory, SecureRandom random) {
        this.directory = directory;
        this.random = random;
    }

    /** Loads the key, or generates it when neither file exists. */
    PayloadCipher openOrCreate() {
        Path keystore = directory.resolve(KEYSTORE);
        Path password = directory.resolve(PASSWORD);
        boolean haveKeystore = Files.exists(keystore);
        boolean havePassword = Files.exists(password);
        try {
            if (haveKeystore && havePassword) {
                return load(keystore, password);
            }
            if (haveKeystore || havePassword) {
                throw new JournalException("found " + (haveKeystore ? keystore : password) + " without "
                        + (haveKeystore ? password : keystore) + "; restore it from backup (payloads sealed under"
                        + " the journal key cannot be read without both), or, if the first run was interrupted"
                        + " before any message was journalled, delete the one that exists");
            }
            return create(keystore, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new JournalException("cannot open the journal key in " + directory + ": "
                    + e.getClass().getSimpleName(), e);
        }
    }

    private PayloadCipher load(Path keystore, Path passwordFile) throws IOException, GeneralSecurityException {
        char[] password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip().toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(Files.readAllBytes(keystore)), password);
        var aliases = store.aliases();
        while (aliases.hasMoreElements()) {
            String alias = aliases.nextElement();
            if (store.entryInstanceOf(alias, KeyStore.SecretKeyEntry.class)) {
                var entry = (KeyStore.SecretKeyEntry) store.getEntry(alias, new KeyStore.PasswordProtection(password));
                return new PayloadCipher(entry.getSecretKey(), alias, random);
            }
        }
        throw new JournalException(keystore + " holds no secret key entry");
    }

    private PayloadCipher create(Path keystore, Path passwordFile) throws IOException, GeneralSecurityException {
        OwnerOnlyFiles.directory(directory);
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        char[] password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret).toCharArray();
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(256, random);
        SecretKey key = generator.generateKey();
        byte[] suffix = new byte[4];
        random.nextBytes(suffix);
        // A random alias tells this key from one generated for another data directory.
        String alias = "payload-" + HexFormat.of().formatHex(suffix);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setEntry(alias, new KeyStore.SecretKeyEntry(key), new KeyStore.PasswordProtection(password));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        store.store(bytes, password);
        OwnerOnlyFiles.create(passwordFile, (new String(password) + "\n").getBytes(StandardCharsets.UTF_8));
        OwnerOnlyFiles.create(keystore, bytes.toByteArray());
        return new PayloadCipher(key, alias, random);
    }
}
