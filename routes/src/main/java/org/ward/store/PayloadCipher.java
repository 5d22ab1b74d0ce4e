package org.ward.store;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals payloads with AES-256-GCM: a random 12-byte IV per message (NIST SP 800-38D §8.2.2; at 2^32
 * messages per key the IV collision bound calls for a new key) and a 128-bit tag. The stored value is
 * IV ‖ ciphertext ‖ tag. The row id is the additional authenticated data, so a payload copied into
 * another row fails authentication as surely as an altered one.
 */
final class PayloadCipher {

    static final int IV_BYTES = 12;
    static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private final SecretKey key;
    private final String keyId;
    private final SecureRandom random;
    /** Looking a Cipher up costs more than sealing a message; each thread keeps one and re-inits it per use. */
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(PayloadCipher::newCipher);

    PayloadCipher(SecretKey key, String keyId, SecureRandom random) {
        this.key = Objects.requireNonNull(key, "key");
        this.keyId = Objects.requireNonNull(keyId, "keyId");
        this.random = Objects.requireNonNull(random, "random");
        if (key.getEncoded() == null || key.getEncoded().length != 32) {
            throw new IllegalArgumentException("the journal key must be a 256-bit AES key");
        }
    }

    /** The keystore alias of the key, stored with each row so a later key can be told apart. */
    String keyId() {
        return keyId;
    }

    byte[] seal(long messageId, byte[] plaintext) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad(messageId));
            byte[] sealed = new byte[IV_BYTES + cipher.getOutputSize(plaintext.length)];
            System.arraycopy(iv, 0, sealed, 0, IV_BYTES);
            cipher.doFinal(plaintext, 0, plaintext.length, sealed, IV_BYTES);
            return sealed;
        } catch (GeneralSecurityException e) {
            throw new JournalException("cannot seal the payload of message " + messageId, e);
        }
    }

    /** Opens a payload read from a row whose {@code payload_key} column is {@code keyId}. */
    byte[] open(long messageId, String keyId, byte[] sealed) {
        if (!this.keyId.equals(keyId)) {
            throw new JournalException("message " + messageId + " was sealed under key " + keyId
                    + ", which " + JournalKeyStore.KEYSTORE + " does not hold");
        }
        return open(messageId, sealed);
    }

    byte[] open(long messageId, byte[] sealed) {
        if (sealed.length < IV_BYTES + TAG_BITS / 8) {
            throw new PayloadIntegrityException("the payload of message " + messageId
                    + " is shorter than an AES-GCM IV and tag", null);
        }
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
            cipher.updateAAD(aad(messageId));
            return cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
        } catch (AEADBadTagException e) {
            throw new PayloadIntegrityException("the payload of message " + messageId
                    + " failed AES-GCM authentication: the row was altered or sealed under another key", e);
        } catch (GeneralSecurityException e) {
            throw new JournalException("cannot open the payload of message " + messageId, e);
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new JournalException("this JVM offers no " + TRANSFORMATION, e);
        }
    }

    private static byte[] aad(long messageId) {
        return ByteBuffer.allocate(Long.BYTES).putLong(messageId).array();
    }
}
