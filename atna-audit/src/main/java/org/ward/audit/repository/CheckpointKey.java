package org.ward.audit.repository;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The repository's checkpoint signing key: EC P-256, generated on first use in the repository
 * directory as {@value #PRIVATE_FILE} (PKCS#8 DER, mode 0600, created so by {@code open(2)}) with
 * {@value #PUBLIC_FILE} (X.509 SubjectPublicKeyInfo DER) next to it for the verifier. Plain JCA.
 */
public final class CheckpointKey {

    static final String PRIVATE_FILE = "checkpoint-key.p8";
    static final String PUBLIC_FILE = "checkpoint-key.pub";
    static final String ALGORITHM = "SHA256withECDSA";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    private CheckpointKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
        this.keyId = keyId(publicKey);
    }

    /** Loads the key pair from {@code directory}, generating it there first if there is none. */
    static CheckpointKey loadOrCreate(Path directory) throws IOException, GeneralSecurityException {
        Path privateFile = directory.resolve(PRIVATE_FILE);
        Path publicFile = directory.resolve(PUBLIC_FILE);
        if (!Files.exists(privateFile)) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            writeNew(publicFile, pair.getPublic().getEncoded(), "rw-r--r--");
            writeNew(privateFile, pair.getPrivate().getEncoded(), "rw-------");
        }
        KeyFactory ec = KeyFactory.getInstance("EC");
        PrivateKey privateKey = ec.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(privateFile)));
        return new CheckpointKey(privateKey, readPublic(directory));
    }

    /**
     * Loads an existing key pair, never generating one: retention signs with the repository's key
     * and must fail if it is missing rather than sign with a key no verifier knows.
     */
    static CheckpointKey load(Path directory) throws IOException, GeneralSecurityException {
        Path privateFile = directory.resolve(PRIVATE_FILE);
        if (!Files.exists(privateFile)) {
            throw new IOException("no checkpoint private key " + privateFile);
        }
        PrivateKey privateKey = KeyFactory.getInstance("EC")
                .generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(privateFile)));
        return new CheckpointKey(privateKey, readPublic(directory));
    }

    /** The public half only, for the verifier. */
    static CheckpointKey verifyOnly(Path directory) throws IOException, GeneralSecurityException {
        return new CheckpointKey(null, readPublic(directory));
    }

    /** The public half only, e.g. a key an auditor keeps. */
    static CheckpointKey verifyOnly(PublicKey publicKey) {
        return new CheckpointKey(null, publicKey);
    }

    /** Reads {@value #PUBLIC_FILE} from a repository directory. */
    static PublicKey readPublic(Path directory) throws IOException, GeneralSecurityException {
        Path publicFile = directory.resolve(PUBLIC_FILE);
        if (!Files.exists(publicFile)) {
            throw new IOException("no checkpoint public key " + publicFile);
        }
        return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Files.readAllBytes(publicFile)));
    }

    Checkpoint sign(long seq, byte[] recordHash, Instant now) throws GeneralSecurityException {
        Checkpoint unsigned = new Checkpoint(seq, recordHash, now, keyId, new byte[0]);
        return new Checkpoint(seq, recordHash, unsigned.signedAt(), keyId, sign(unsigned.signedBytes()));
    }

    /** SHA256withECDSA over {@code message}, DER; callers put a domain string first in what they sign. */
    byte[] sign(byte[] message) throws GeneralSecurityException {
        if (privateKey == null) {
            throw new IllegalStateException("verify-only checkpoint key");
        }
        Signature signer = Signature.getInstance(ALGORITHM);
        signer.initSign(privateKey);
        signer.update(message);
        return signer.sign();
    }

    boolean verify(Checkpoint checkpoint) {
        return keyId.equals(checkpoint.keyId()) && verify(checkpoint.signedBytes(), checkpoint.signature());
    }

    boolean verify(byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(publicKey);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false; // a malformed DER signature is a bad signature
        }
    }

    PublicKey publicKey() {
        return publicKey;
    }

    String keyId() {
        return keyId;
    }

    private static String keyId(PublicKey key) {
        return HexFormat.of().formatHex(CanonicalRecord.sha256().digest(key.getEncoded()));
    }

    private static void writeNew(Path file, byte[] content, String mode) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling("." + file.getFileName() + ".new");
        Files.deleteIfExists(temporary);
        try (FileChannel channel = FileChannel.open(temporary,
                EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode)))) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    }
}
