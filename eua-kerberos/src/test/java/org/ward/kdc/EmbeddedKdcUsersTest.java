package org.ward.kdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kerby.kerberos.kerb.common.EncryptionUtil;
import org.apache.kerby.kerberos.kerb.keytab.Keytab;
import org.apache.kerby.kerberos.kerb.keytab.KeytabEntry;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionType;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** users.keytab on its own, without a KDC (as {@code ward users add} uses it). */
class EmbeddedKdcUsersTest {

    @TempDir
    Path dir;

    @Test
    void storesTheKeysOfTheGeneratedPasswordInAnOwnerOnlyKeytabWithoutThePassword() throws Exception {
        EmbeddedKdcUsers users = new EmbeddedKdcUsers(dir.resolve("kdc"), "DEMO.TEST");
        char[] password = users.add("alice@DEMO.TEST");

        assertThat(new String(password)).matches("[A-HJ-NP-Za-km-z2-9]{20}");
        Path file = dir.resolve("kdc").resolve("users.keytab");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("kdc")))).isEqualTo("rwx------");
        byte[] bytes = Files.readAllBytes(file);
        assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain(new String(password));
        assertThat(new String(bytes, StandardCharsets.UTF_16BE)).doesNotContain(new String(password));

        Keytab keytab = Keytab.loadKeytab(file.toFile());
        assertThat(keytab.getPrincipals()).extracting(PrincipalName::getName).containsExactly("alice@DEMO.TEST");
        List<KeytabEntry> entries = keytab.getKeytabEntries(new PrincipalName("alice@DEMO.TEST"));
        assertThat(entries).extracting(e -> e.getKey().getKeyType())
                .containsExactlyInAnyOrder(EncryptionType.AES256_CTS_HMAC_SHA1_96, EncryptionType.AES128_CTS_HMAC_SHA1_96);
        assertThat(entries).extracting(KeytabEntry::getKvno).containsOnly(1);
        // The keys are those of the password with the realm's default salt (RFC 3962 §4).
        List<EncryptionKey> expected = EncryptionUtil.generateKeys("alice@DEMO.TEST", new String(password),
                EmbeddedKdcUsers.ENCRYPTION_TYPES, 1);
        for (EncryptionKey key : expected) {
            assertThat(keytab.getKey(new PrincipalName("alice@DEMO.TEST"), key.getKeyType()).getKeyData())
                    .isEqualTo(key.getKeyData());
        }
        assertThat(users.principals()).containsExactly("alice@DEMO.TEST");
    }

    @Test
    void addingAgainIsAPasswordResetWithTheNextKvno() throws Exception {
        EmbeddedKdcUsers users = new EmbeddedKdcUsers(dir, "DEMO.TEST");
        char[] first = users.add("bob@DEMO.TEST");
        users.add("carol@DEMO.TEST");
        char[] second = users.add("bob@DEMO.TEST");

        assertThat(second).isNotEqualTo(first);
        Keytab keytab = Keytab.loadKeytab(users.file().toFile());
        List<KeytabEntry> bob = keytab.getKeytabEntries(new PrincipalName("bob@DEMO.TEST"));
        assertThat(bob).hasSize(2).extracting(KeytabEntry::getKvno).containsOnly(2);
        assertThat(keytab.getKey(new PrincipalName("bob@DEMO.TEST"), EncryptionType.AES256_CTS_HMAC_SHA1_96).getKeyData())
                .isEqualTo(EncryptionUtil.generateKeys("bob@DEMO.TEST", new String(second),
                        List.of(EncryptionType.AES256_CTS_HMAC_SHA1_96)).get(0).getKeyData());
        assertThat(keytab.getKeytabEntries(new PrincipalName("carol@DEMO.TEST"))).extracting(KeytabEntry::getKvno).containsOnly(1);
    }

    @Test
    void kvnoStartsAgainAt1After127BecauseKerbyWritesItInOneSignedByte() throws Exception {
        EmbeddedKdcUsers users = new EmbeddedKdcUsers(dir, "DEMO.TEST");
        for (int i = 0; i < 128; i++) {
            users.add("dave@DEMO.TEST");
        }
        Keytab keytab = Keytab.loadKeytab(users.file().toFile());
        assertThat(keytab.getKeytabEntries(new PrincipalName("dave@DEMO.TEST"))).extracting(KeytabEntry::getKvno).containsOnly(1);
    }

    @Test
    void removeDeletesOnlyThatPrincipalAndSaysWhetherItWasThere() throws Exception {
        EmbeddedKdcUsers users = new EmbeddedKdcUsers(dir, "DEMO.TEST");
        users.add("erin@DEMO.TEST");
        users.add("frank@DEMO.TEST");

        assertThat(users.remove("erin@DEMO.TEST")).isTrue();
        assertThat(users.remove("erin@DEMO.TEST")).isFalse();
        assertThat(users.principals()).containsExactly("frank@DEMO.TEST");
        assertThat(new EmbeddedKdcUsers(dir.resolve("nothing-yet"), "DEMO.TEST").remove("erin@DEMO.TEST")).isFalse();
    }

    @Test
    void refusesPrincipalsOutsideTheRealmAndNonUsers() throws Exception {
        EmbeddedKdcUsers users = new EmbeddedKdcUsers(dir, "DEMO.TEST");
        assertThatThrownBy(() -> users.add("alice@OTHER.TEST"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("alice@OTHER.TEST is not a principal of DEMO.TEST");
        assertThatThrownBy(() -> users.add("alice@DEMO.TEST.EVIL"))
                .hasMessage("alice@DEMO.TEST.EVIL is not a principal of DEMO.TEST");
        assertThatThrownBy(() -> users.add("krbtgt/DEMO.TEST@DEMO.TEST"))
                .hasMessageStartingWith("not a user principal (user@REALM");
        assertThatThrownBy(() -> users.add("HTTP/ward.demo@DEMO.TEST"))
                .hasMessageStartingWith("not a user principal (user@REALM");
        assertThatThrownBy(() -> users.remove("alice@OTHER.TEST"))
                .hasMessage("alice@OTHER.TEST is not a principal of DEMO.TEST");
        assertThatThrownBy(() -> new EmbeddedKdcUsers(dir, "DEMO TEST")).hasMessage("not a Kerberos realm: DEMO TEST");
        assertThat(Files.exists(users.file())).isFalse();
    }

    @Test
    void concurrentAddsAreNotLost() throws Exception {
        EmbeddedKdcUsers users = new EmbeddedKdcUsers(dir, "DEMO.TEST");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<char[]>> adds = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String principal = "user" + i + "@DEMO.TEST";
                adds.add(pool.submit(() -> users.add(principal)));
            }
            for (Future<char[]> add : adds) {
                add.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(users.principals()).hasSize(16);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("no temporary file left behind")
                    .containsExactlyInAnyOrder("users.keytab", ".users.keytab.lock");
        }
    }
}
