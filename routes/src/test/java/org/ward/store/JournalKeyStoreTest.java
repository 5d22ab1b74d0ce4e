package org.ward.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalKeyStoreTest {

    @TempDir
    Path dataDir;

    private final SecureRandom random = new SecureRandom();

    @Test
    void theFirstRunGeneratesAKeyInOwnerOnlyFilesAndLaterRunsLoadIt() throws Exception {
        Path journal = dataDir.resolve("journal");
        PayloadCipher first = new JournalKeyStore(journal, random).openOrCreate();
        PayloadCipher second = new JournalKeyStore(journal, random).openOrCreate();

        assertThat(second.keyId()).isEqualTo(first.keyId()).startsWith("payload-");
        assertThat(mode(journal)).isEqualTo("rwx------");
        assertThat(mode(journal.resolve(JournalKeyStore.KEYSTORE))).isEqualTo("rw-------");
        assertThat(mode(journal.resolve(JournalKeyStore.PASSWORD))).isEqualTo("rw-------");
        byte[] payload = "MSH|^~\\&|".getBytes(StandardCharsets.US_ASCII);
        assertThat(second.open(7, first.seal(7, payload))).isEqualTo(payload);
    }

    @Test
    void eachSealHasItsOwnIvAndAnotherKeyCannotOpenIt() {
        PayloadCipher ours = new JournalKeyStore(dataDir.resolve("a"), random).openOrCreate();
        PayloadCipher theirs = new JournalKeyStore(dataDir.resolve("b"), random).openOrCreate();
        byte[] payload = new byte[100];

        byte[] sealed = ours.seal(1, payload);
        assertThat(ours.seal(1, payload)).isNotEqualTo(sealed);
        assertThatThrownBy(() -> theirs.open(1, sealed)).isInstanceOf(PayloadIntegrityException.class);
        assertThatThrownBy(() -> ours.open(2, sealed)).isInstanceOf(PayloadIntegrityException.class)
                .hasMessageContaining("message 2");
        assertThatThrownBy(() -> ours.open(1, new byte[10])).isInstanceOf(PayloadIntegrityException.class);
    }

    @Test
    void aKeystoreWithoutItsPasswordIsNotReplacedByANewKey() throws Exception {
        Path journal = dataDir.resolve("journal");
        new JournalKeyStore(journal, random).openOrCreate();
        Files.delete(journal.resolve(JournalKeyStore.PASSWORD));
        byte[] keystore = Files.readAllBytes(journal.resolve(JournalKeyStore.KEYSTORE));

        assertThatThrownBy(() -> new JournalKeyStore(journal, random).openOrCreate())
                .isInstanceOf(JournalException.class)
                .hasMessageContaining("restore it from backup");
        assertThat(Files.readAllBytes(journal.resolve(JournalKeyStore.KEYSTORE))).isEqualTo(keystore);
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
