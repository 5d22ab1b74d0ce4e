package org.ward.kdc;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.common.EncryptionUtil;
import org.apache.kerby.kerberos.kerb.keytab.Keytab;
import org.apache.kerby.kerberos.kerb.keytab.KeytabEntry;
import org.apache.kerby.kerberos.kerb.type.KerberosTime;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionType;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;
import org.ward.users.UserPrincipal;

/**
 * The embedded KDC's people: {@code users.keytab} in the KDC's directory, a standard MIT keytab
 * (format 0x502) holding the long-term keys of user principals only, never a password, never
 * {@code krbtgt} or a service. It outlives the KDC process, so {@code ward users add} (its own
 * process) and {@code ward run} (which hosts the KDC) share it: the CLI writes, the running
 * {@link EmbeddedKdc} re-reads it ({@link EmbeddedKdc#syncUsers()}).
 *
 * <p>Every read and write holds an exclusive lock on {@code .users.keytab.lock} in the same
 * directory, so two administrators cannot lose each other's change and the KDC never reads while
 * someone writes. A write goes to a temporary file (mode 0600), is fsynced, renamed over the old
 * file, and the directory is fsynced.
 *
 * <p>Adding a principal that is already there is a password reset: its keys are replaced with
 * keys of the next key version number. Kerby's keytab writer stores the kvno in the entry's
 * 8-bit field only and reads it back signed, so kvnos run 1..127 and then start again at 1; the
 * file holds one kvno per principal, so the wrap is harmless.
 */
public final class EmbeddedKdcUsers {

    /** The file in the KDC's directory. */
    public static final String FILE_NAME = "users.keytab";

    /**
     * The encryption types of every key in the embedded realm (RFC 3962). The KDC is configured
     * with the same list ({@link EmbeddedKdc}), so a user's keys and the tickets it issues agree.
     * DES3 (Kerby's default alongside AES-128) is left out: JDK 17 and later refuse it.
     */
    public static final List<EncryptionType> ENCRYPTION_TYPES =
            List.of(EncryptionType.AES256_CTS_HMAC_SHA1_96, EncryptionType.AES128_CTS_HMAC_SHA1_96);

    private static final int MAX_KVNO = 127;
    private static final Pattern REALM = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,254}[A-Za-z0-9])?");
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    /** A FileLock belongs to the whole JVM: a second lock of the same file from this JVM would throw. */
    private static final ReentrantLock IN_PROCESS = new ReentrantLock();

    private final Path directory;
    private final Path file;
    private final String realm;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param kdcDirectory the embedded KDC's directory (the one given to {@link EmbeddedKdc#start});
     *                     it need not exist yet, nor the KDC run
     * @param realm        the embedded realm, e.g. {@code WARD.LOCAL}: only its principals are accepted
     */
    public EmbeddedKdcUsers(Path kdcDirectory, String realm) {
        this.directory = Objects.requireNonNull(kdcDirectory, "kdcDirectory").toAbsolutePath().normalize();
        if (realm == null || !REALM.matcher(realm).matches()) {
            throw new IllegalArgumentException("not a Kerberos realm: " + realm);
        }
        this.realm = realm;
        this.file = directory.resolve(FILE_NAME);
    }

    /**
     * Creates {@code principal} with a generated password, or gives it a new one if it exists.
     * The password is returned once and kept nowhere; only keys derived from it are stored.
     *
     * @throws IllegalArgumentException if {@code principal} is not {@code name@REALM} of this realm
     */
    public char[] add(String principal) throws IOException {
        checkUser(principal);
        String password = EmbeddedKdc.randomPassword(random);
        PrincipalName name = new PrincipalName(principal);
        edit(keytab -> {
            int kvno = keytab.getKeytabEntries(name).stream().mapToInt(KeytabEntry::getKvno).max().orElse(0) % MAX_KVNO + 1;
            List<EncryptionKey> keys;
            try {
                keys = EncryptionUtil.generateKeys(principal, password, ENCRYPTION_TYPES, kvno);
            } catch (KrbException e) {
                throw new IOException("cannot derive the keys of " + principal + ": " + e.getMessage(), e);
            }
            keytab.removeKeytabEntries(name);
            KerberosTime now = KerberosTime.now();
            List<KeytabEntry> entries = new ArrayList<>();
            for (EncryptionKey key : keys) {
                entries.add(new KeytabEntry(name, now, kvno, key));
            }
            keytab.addKeytabEntries(entries);
            return true;
        });
        return password.toCharArray();
    }

    /**
     * Deletes {@code principal}'s keys: it can get no new tickets once the KDC has synced.
     *
     * @return false if the principal was not there
     * @throws IllegalArgumentException if {@code principal} is not {@code name@REALM} of this realm
     */
    public boolean remove(String principal) throws IOException {
        checkUser(principal);
        PrincipalName name = new PrincipalName(principal);
        return edit(keytab -> {
            if (keytab.getKeytabEntries(name).isEmpty()) {
                return false;
            }
            keytab.removeKeytabEntries(name);
            return true;
        });
    }

    /** The principals in the file, sorted. */
    public Set<String> principals() throws IOException {
        Set<String> names = new TreeSet<>();
        for (PrincipalName p : parse(readLocked()).getPrincipals()) {
            names.add(p.getName());
        }
        return names;
    }

    public Path file() {
        return file;
    }

    public String realm() {
        return realm;
    }

    /** The file's bytes (empty if there is no file), read under the lock. */
    byte[] readLocked() throws IOException {
        return locked(() -> {
            try {
                return Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                return new byte[0];
            }
        });
    }

    /** Parses bytes from {@link #readLocked()}; an empty file is an empty keytab. */
    Keytab parse(byte[] bytes) throws IOException {
        if (bytes.length == 0) {
            return new Keytab();
        }
        try {
            return Keytab.loadKeytab(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            // Kerby says e.g. "EOFException" with no message: name the file and what it is not.
            throw new IOException(file + " is not a readable MIT keytab (" + e + ")", e);
        }
    }

    /** Whether {@code principal} is a person of this realm (not krbtgt, not a service). */
    boolean isUserOfRealm(String principal) {
        return UserPrincipal.isValid(principal) && principal.endsWith("@" + realm);
    }

    private void checkUser(String principal) {
        UserPrincipal.check(principal);
        if (!principal.endsWith("@" + realm)) {
            throw new IllegalArgumentException(principal + " is not a principal of " + realm);
        }
    }

    private interface Edit {
        boolean apply(Keytab keytab) throws IOException;
    }

    private interface Locked<T> {
        T run() throws IOException;
    }

    private boolean edit(Edit change) throws IOException {
        return locked(() -> {
            byte[] old;
            try {
                old = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                old = new byte[0];
            }
            Keytab keytab = parse(old);
            if (!change.apply(keytab)) {
                return false;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            keytab.store(out);
            writeAtomically(out.toByteArray());
            return true;
        });
    }

    private <T> T locked(Locked<T> action) throws IOException {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        IN_PROCESS.lock();
        try (FileChannel lockFile = FileChannel.open(directory.resolve("." + FILE_NAME + ".lock"),
                Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), ownerOnly());
             FileLock lock = lockFile.lock()) {
            return action.run();
        } finally {
            IN_PROCESS.unlock();
        }
    }

    private void writeAtomically(byte[] bytes) throws IOException {
        Path tmp = directory.resolve("." + FILE_NAME + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel out = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    ownerOnly())) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        // The rename is durable only once the directory entry is on disk.
        try (FileChannel d = FileChannel.open(directory, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> ownerOnly() {
        return PosixFilePermissions.asFileAttribute(OWNER_ONLY);
    }
}
